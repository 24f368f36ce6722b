// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";
import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";

/// @title The works registry
/// @notice See IWorksRegistry. Lineage is acyclic by construction: a parent must exist before
/// its fork, so every parent id is smaller than its child's id, and parents never change.
contract WorksRegistry is IWorksRegistry, AccessControl {
    using EnumerableSet for EnumerableSet.AddressSet;

    uint256 public constant MAX_PARENTS = 16;
    uint256 public constant MAX_CONTRIBUTORS = 32;
    uint256 public constant MAX_STEWARDS = 8;
    uint16 private constant WHOLE = 10_000;

    /// @dev A contributor's share and steward flag share one slot per (work, account).
    struct Member {
        uint16 share;
        bool steward;
    }

    /// @dev Where a content hash was registered: work id and 1-based version, one slot.
    struct HashEntry {
        uint64 workId;
        uint32 version;
    }

    ICommonsRegistry public immutable commons;
    ILicenceTemplates public immutable templates;

    uint256 private _count;
    mapping(uint256 workId => Work) private _works;
    mapping(bytes32 contentHash => HashEntry) private _hashes;
    mapping(uint256 workId => mapping(uint32 version => bytes32)) private _versions;
    /// @dev Up to 16 parent ids, four per slot.
    mapping(uint256 workId => uint64[16]) private _parents;
    mapping(uint256 workId => mapping(address account => Member)) private _members;
    mapping(uint256 workId => EnumerableSet.AddressSet) private _adopters;

    constructor(address admin, ICommonsRegistry commons_, ILicenceTemplates templates_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        commons = commons_;
        templates = templates_;
    }

    // ---------------------------------------------------------------- registration

    /// @inheritdoc IWorksRegistry
    function register(Registration calldata r) external returns (uint256 workId) {
        _requireParticipant(msg.sender);
        if (!templates.isActive(r.licenceId)) revert WorksLicenceNotActive(r.licenceId);
        if (r.parents.length > MAX_PARENTS) revert WorksTooManyParents(r.parents.length, MAX_PARENTS);
        workId = ++_count;
        _claimHash(r.contentHash, workId, 1);
        _storeStewards(workId, r.stewards);
        _storeContributors(workId, r.contributors, r.shares);
        _storeParents(workId, r.parents, r.licenceId);
        _works[workId] = Work({
            licenceId: r.licenceId,
            versionCount: 1,
            parentCount: uint8(r.parents.length),
            stewardCount: uint8(r.stewards.length),
            suspended: false,
            registeredAt: uint40(block.timestamp)
        });
        emit WorkRegistered(
            workId,
            r.contentHash,
            msg.sender,
            r.licenceId,
            r.metadataURI,
            r.stewards,
            r.contributors,
            r.shares,
            r.parents
        );
    }

    /// @inheritdoc IWorksRegistry
    function addVersion(uint256 workId, bytes32 contentHash, string calldata metadataURI) external {
        Work storage work = _activeWork(workId);
        _requireSteward(workId, msg.sender);
        uint32 version = work.versionCount + 1;
        _claimHash(contentHash, workId, version);
        work.versionCount = version;
        emit VersionAdded(workId, contentHash, version, metadataURI, msg.sender);
    }

    /// @inheritdoc IWorksRegistry
    function setSteward(uint256 workId, address account, bool isSteward_) external {
        Work storage work = _knownWork(workId);
        _requireSteward(workId, msg.sender);
        if (account == address(0)) revert WorksInvalidSteward(account);
        Member storage member = _members[workId][account];
        if (member.steward != isSteward_) {
            if (isSteward_) {
                if (work.stewardCount >= MAX_STEWARDS) {
                    revert WorksStewardCount(work.stewardCount + 1, MAX_STEWARDS);
                }
                work.stewardCount += 1;
            } else {
                if (work.stewardCount == 1) revert WorksLastSteward(workId, account);
                work.stewardCount -= 1;
            }
            member.steward = isSteward_;
        }
        emit StewardSet(workId, account, isSteward_, msg.sender);
    }

    // ---------------------------------------------------------------- adoption

    /// @inheritdoc IWorksRegistry
    function adopt(uint256 workId) external {
        _activeWork(workId);
        ICommonsRegistry.Kind kind = commons.kindOf(msg.sender);
        bool producer = kind == ICommonsRegistry.Kind.Place || kind == ICommonsRegistry.Kind.Cooperative;
        if (!producer || !commons.isAllowed(msg.sender)) revert WorksCannotAdopt(msg.sender);
        if (!_adopters[workId].add(msg.sender)) revert WorksAlreadyAdopted(workId, msg.sender);
        emit AdoptionDeclared(workId, msg.sender);
    }

    /// @inheritdoc IWorksRegistry
    function withdrawAdoption(uint256 workId) external {
        if (!_adopters[workId].remove(msg.sender)) revert WorksNotAdopted(workId, msg.sender);
        emit AdoptionWithdrawn(workId, msg.sender);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IWorksRegistry
    function suspend(uint256 workId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _activeWork(workId).suspended = true;
        emit WorkSuspended(workId, reason);
    }

    /// @inheritdoc IWorksRegistry
    function reinstate(uint256 workId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Work storage work = _knownWork(workId);
        if (!work.suspended) revert WorksNotSuspended(workId);
        work.suspended = false;
        emit WorkReinstated(workId, reason);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IWorksRegistry
    function workOf(uint256 workId) external view returns (Work memory) {
        return _works[workId];
    }

    /// @inheritdoc IWorksRegistry
    function workOfHash(bytes32 contentHash) external view returns (uint256 workId, uint32 version) {
        HashEntry memory entry = _hashes[contentHash];
        return (entry.workId, entry.version);
    }

    /// @inheritdoc IWorksRegistry
    function versionHash(uint256 workId, uint32 version) external view returns (bytes32) {
        return _versions[workId][version];
    }

    /// @inheritdoc IWorksRegistry
    function latestHash(uint256 workId) external view returns (bytes32) {
        return _versions[workId][_works[workId].versionCount];
    }

    /// @inheritdoc IWorksRegistry
    function parentsOf(uint256 workId) external view returns (uint256[] memory parents) {
        uint256 count = _works[workId].parentCount;
        parents = new uint256[](count);
        uint64[16] storage stored = _parents[workId];
        for (uint256 i; i < count; ++i) parents[i] = stored[i];
    }

    /// @inheritdoc IWorksRegistry
    function shareOf(uint256 workId, address account) external view returns (uint16) {
        return _members[workId][account].share;
    }

    /// @inheritdoc IWorksRegistry
    function isSteward(uint256 workId, address account) external view returns (bool) {
        return _members[workId][account].steward;
    }

    /// @inheritdoc IWorksRegistry
    function adoptersOf(uint256 workId) external view returns (address[] memory) {
        return _adopters[workId].values();
    }

    /// @inheritdoc IWorksRegistry
    function hasAdopted(uint256 workId, address account) external view returns (bool) {
        return _adopters[workId].contains(account);
    }

    /// @inheritdoc IWorksRegistry
    function workCount() external view returns (uint256) {
        return _count;
    }

    // ---------------------------------------------------------------- internals

    function _requireParticipant(address account) private view {
        if (commons.kindOf(account) == ICommonsRegistry.Kind.None || !commons.isAllowed(account)) {
            revert WorksNotParticipant(account);
        }
    }

    function _requireSteward(uint256 workId, address account) private view {
        if (!_members[workId][account].steward) revert WorksNotSteward(workId, account);
        _requireParticipant(account);
    }

    function _knownWork(uint256 workId) private view returns (Work storage work) {
        work = _works[workId];
        if (work.versionCount == 0) revert WorksUnknownWork(workId);
    }

    function _activeWork(uint256 workId) private view returns (Work storage work) {
        work = _knownWork(workId);
        if (work.suspended) revert WorksSuspended(workId);
    }

    /// @dev Content hashes are unique across all works and versions.
    function _claimHash(bytes32 contentHash, uint256 workId, uint32 version) private {
        if (contentHash == bytes32(0)) revert WorksZeroContentHash();
        uint64 existing = _hashes[contentHash].workId;
        if (existing != 0) revert WorksContentHashTaken(contentHash, existing);
        _hashes[contentHash] = HashEntry(uint64(workId), version);
        _versions[workId][version] = contentHash;
    }

    function _storeStewards(uint256 workId, address[] calldata stewards) private {
        uint256 count = stewards.length;
        if (count == 0 || count > MAX_STEWARDS) revert WorksStewardCount(count, MAX_STEWARDS);
        mapping(address => Member) storage members = _members[workId];
        for (uint256 i; i < count; ++i) {
            address steward = stewards[i];
            if (steward == address(0) || members[steward].steward) revert WorksInvalidSteward(steward);
            members[steward].steward = true;
        }
    }

    function _storeContributors(
        uint256 workId,
        address[] calldata contributors,
        uint16[] calldata shares
    ) private {
        uint256 count = contributors.length;
        if (count == 0 || count > MAX_CONTRIBUTORS) {
            revert WorksContributorCount(count, MAX_CONTRIBUTORS);
        }
        if (shares.length != count) revert WorksLengthMismatch(count, shares.length);
        mapping(address => Member) storage members = _members[workId];
        uint256 total;
        for (uint256 i; i < count; ++i) {
            (address contributor, uint16 share) = (contributors[i], shares[i]);
            if (contributor == address(0) || share == 0 || members[contributor].share != 0) {
                revert WorksInvalidContributor(contributor, share);
            }
            members[contributor].share = share;
            total += share;
        }
        if (total != WHOLE) revert WorksSharesNotWhole(total);
    }

    function _storeParents(uint256 workId, uint256[] calldata parents, uint32 licenceId) private {
        uint64[16] storage stored = _parents[workId];
        for (uint256 i; i < parents.length; ++i) {
            uint256 parentId = parents[i];
            // A parent registered before this work: lineage cannot loop.
            if (parentId == 0 || parentId >= workId) revert WorksUnknownWork(parentId);
            for (uint256 j; j < i; ++j) {
                if (parents[j] == parentId) revert WorksDuplicateParent(parentId);
            }
            Work memory parent = _works[parentId];
            if (parent.suspended) revert WorksParentSuspended(parentId);
            (bool derivativesAllowed, bool compatible) = templates.forkRule(parent.licenceId, licenceId);
            if (!derivativesAllowed) revert WorksDerivativesForbidden(parentId, parent.licenceId);
            if (!compatible) revert WorksIncompatibleLicence(parentId, parent.licenceId, licenceId);
            stored[i] = uint64(parentId);
        }
    }
}
