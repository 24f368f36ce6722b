// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";
import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";
import {ContentClaims} from "./ContentClaims.sol";

/// @title The works registry
/// @notice See IWorksRegistry. Lineage is acyclic by construction: a parent must exist before
/// its fork, so every parent id is smaller than its child's id, and parents never change.
/// Content hashes are claimed by commit and reveal, the earliest commitment first (ContentClaims).
contract WorksRegistry is ContentClaims, AccessControl {
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

    /// @dev The core record (IWorksRegistry.Work) plus the first two parents, flattened into one
    /// slot: forks of one or two works, the common case, write no extra slot.
    struct StoredWork {
        uint32 licenceId;
        uint32 versionCount;
        uint8 parentCount;
        uint8 stewardCount;
        bool suspended;
        uint40 registeredAt;
        uint64 parent0;
        uint64 parent1;
    }

    /// @dev Parents stored inline in StoredWork; the rest go to `_moreParents`.
    uint256 private constant INLINE_PARENTS = 2;

    ICommonsRegistry public immutable commons;
    ILicenceTemplates public immutable templates;

    uint256 private _count;
    mapping(uint256 workId => StoredWork) private _works;
    /// @dev Parents 3 to 16, four per slot.
    mapping(uint256 workId => uint64[14]) private _moreParents;
    mapping(uint256 workId => mapping(address account => Member)) private _members;
    mapping(uint256 workId => EnumerableSet.AddressSet) private _adopters;

    constructor(address admin, ICommonsRegistry commons_, ILicenceTemplates templates_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        commons = commons_;
        templates = templates_;
    }

    // ---------------------------------------------------------------- registration

    /// @inheritdoc IWorksRegistry
    function register(Registration calldata r, bytes32 salt) external returns (uint256 workId) {
        _requireParticipant(msg.sender);
        if (!templates.isActive(r.licenceId)) revert WorksLicenceNotActive(r.licenceId);
        if (r.parents.length > MAX_PARENTS) revert WorksTooManyParents(r.parents.length, MAX_PARENTS);
        workId = ++_count;
        _claimHash(r.contentHash, workId, 1, salt);
        _storeStewards(workId, r.stewards);
        _storeContributors(workId, r.contributors, r.shares);
        (uint64 parent0, uint64 parent1) = _storeParents(workId, r.parents, r.licenceId);
        _works[workId] = StoredWork({
            licenceId: r.licenceId,
            versionCount: 1,
            parentCount: uint8(r.parents.length),
            stewardCount: uint8(r.stewards.length),
            suspended: false,
            registeredAt: uint40(block.timestamp),
            parent0: parent0,
            parent1: parent1
        });
        _emitRegistered(workId, r);
    }

    /// @inheritdoc IWorksRegistry
    function addVersion(
        uint256 workId,
        bytes32 contentHash,
        string calldata metadataURI,
        bytes32 salt
    ) external {
        StoredWork storage work = _activeWork(workId);
        _requireSteward(workId, msg.sender);
        uint32 version = work.versionCount + 1;
        _claimHash(contentHash, workId, version, salt);
        work.versionCount = version;
        emit VersionAdded(workId, contentHash, version, metadataURI, msg.sender);
    }

    /// @inheritdoc IWorksRegistry
    function setSteward(uint256 workId, address account, bool isSteward_) external {
        StoredWork storage work = _knownWork(workId);
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
    function reassignHash(
        bytes32 contentHash,
        address to,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 holder = _releaseHash(contentHash, to);
        if (holder != 0) _suspendHolder(holder, reason);
        emit ContentHashReleased(contentHash, holder, to, reason);
    }

    /// @inheritdoc IWorksRegistry
    function suspend(uint256 workId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _activeWork(workId).suspended = true;
        emit WorkSuspended(workId, reason);
    }

    /// @inheritdoc IWorksRegistry
    function reinstate(uint256 workId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        StoredWork storage work = _knownWork(workId);
        if (!work.suspended) revert WorksNotSuspended(workId);
        work.suspended = false;
        emit WorkReinstated(workId, reason);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IWorksRegistry
    function workOf(uint256 workId) external view returns (Work memory) {
        return _core(_works[workId]);
    }

    /// @inheritdoc IWorksRegistry
    function parentsOf(uint256 workId) external view returns (uint256[] memory parents) {
        StoredWork storage work = _works[workId];
        uint256 count = work.parentCount;
        parents = new uint256[](count);
        if (count > 0) parents[0] = work.parent0;
        if (count > 1) parents[1] = work.parent1;
        uint64[14] storage more = _moreParents[workId];
        for (uint256 i = INLINE_PARENTS; i < count; ++i) parents[i] = more[i - INLINE_PARENTS];
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

    function _emitRegistered(uint256 workId, Registration calldata r) private {
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

    function _requireParticipant(address account) internal view override {
        if (commons.kindOf(account) == ICommonsRegistry.Kind.None || !commons.isAllowed(account)) {
            revert WorksNotParticipant(account);
        }
    }

    function _requireSteward(uint256 workId, address account) private view {
        if (!_members[workId][account].steward) revert WorksNotSteward(workId, account);
        _requireParticipant(account);
    }

    function _core(StoredWork storage work) private view returns (Work memory) {
        return
            Work({
                licenceId: work.licenceId,
                versionCount: work.versionCount,
                parentCount: work.parentCount,
                stewardCount: work.stewardCount,
                suspended: work.suspended,
                registeredAt: work.registeredAt
            });
    }

    function _knownWork(uint256 workId) private view returns (StoredWork storage work) {
        work = _works[workId];
        if (work.versionCount == 0) revert WorksUnknownWork(workId);
    }

    function _activeWork(uint256 workId) private view returns (StoredWork storage work) {
        work = _knownWork(workId);
        if (work.suspended) revert WorksSuspended(workId);
    }

    /// @dev Suspends a work that loses a hash, unless it already is.
    function _suspendHolder(uint256 workId, string memory reason) internal override {
        StoredWork storage work = _works[workId];
        if (work.suspended) return;
        work.suspended = true;
        emit WorkSuspended(workId, reason);
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

    /// @dev Checks every parent, stores parents 3+ and returns the first two for the core slot.
    function _storeParents(
        uint256 workId,
        uint256[] calldata parents,
        uint32 licenceId
    ) private returns (uint64 parent0, uint64 parent1) {
        for (uint256 i; i < parents.length; ++i) {
            uint256 parentId = parents[i];
            // A parent registered before this work: lineage cannot loop.
            if (parentId == 0 || parentId >= workId) revert WorksUnknownWork(parentId);
            for (uint256 j; j < i; ++j) {
                if (parents[j] == parentId) revert WorksDuplicateParent(parentId);
            }
            StoredWork storage parent = _works[parentId];
            if (parent.suspended) revert WorksParentSuspended(parentId);
            (bool derivativesAllowed, bool compatible) = templates.forkRule(parent.licenceId, licenceId);
            if (!derivativesAllowed) revert WorksDerivativesForbidden(parentId, parent.licenceId);
            if (!compatible) revert WorksIncompatibleLicence(parentId, parent.licenceId, licenceId);
            if (i == 0) parent0 = uint64(parentId);
            else if (i == 1) parent1 = uint64(parentId);
            else _moreParents[workId][i - INLINE_PARENTS] = uint64(parentId);
        }
    }
}
