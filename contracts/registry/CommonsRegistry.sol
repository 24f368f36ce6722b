// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {IRegistryGovernance} from "../interfaces/IRegistryGovernance.sol";
import {Admissions} from "./Admissions.sol";
import {Membership} from "./Membership.sol";
import {NodeAllowlist} from "./NodeAllowlist.sol";
import {RegistryInput} from "./RegistryInput.sol";

/// @title The commons registry: SPIN's permission layer
/// @notice Who may act on the chain, and with what. Participants enter in two ways: governance
/// (DEFAULT_ADMIN_ROLE, the timelock once the governor exists) admits them directly, or the
/// registry's Admissions contract, created with it, admits applicants that members vouched for
/// (see IAdmission). Governance alone suspends, reinstates and expels. Persons get a soulbound,
/// one-vote membership (see Membership); a Person admitted by vouches gets its vote only when it
/// ripens. Besu asks `transactionAllowed` and `connectionAllowed`; SPIN's contracts ask
/// `isAllowed`/`areAllowed`.
contract CommonsRegistry is Membership, NodeAllowlist, IRegistryGovernance {
    struct Profile {
        string uri;
        bytes32 hash;
    }

    /// @inheritdoc ICommonsRegistry
    address public immutable admissions;

    mapping(address account => Profile) private _profiles;

    /// @param admin Receives DEFAULT_ADMIN_ROLE: the deployer, to admit the first members, who
    /// then hands it to the timelock and renounces.
    /// @param vouchThreshold Vouches that schedule an admission, in the initial admission rule.
    /// @param vouchWindow Seconds an application accepts vouches, in the initial admission rule.
    /// @dev Creating Admissions here binds the one contract that may admit by application to this
    /// registry for good: there is no role to grant, so none can be granted by mistake.
    constructor(address admin, uint16 vouchThreshold, uint32 vouchWindow) {
        if (admin == address(0)) revert CommonsRegistryZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        admissions = address(new Admissions(vouchThreshold, vouchWindow));
    }

    // ---------------------------------------------------------------- admission

    /// @inheritdoc IRegistryGovernance
    function admit(
        address account,
        Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (kind == Kind.None || kind == Kind.Place) revert CommonsRegistryInvalidKind(kind);
        _admitDirectly(account, kind, profileURI, profileHash);
    }

    /// @inheritdoc IRegistryGovernance
    function admitPlace(
        address account,
        string calldata profileURI,
        bytes32 profileHash,
        PlaceInfo calldata place
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _admitDirectly(account, Kind.Place, profileURI, profileHash);
        _setPlace(account, place);
    }

    /// @inheritdoc IRegistryGovernance
    function admitFromApplication(
        address account,
        Kind kind,
        string calldata profileURI,
        bytes32 profileHash,
        uint48 voteRipensAt,
        AdmissionPath how
    ) external {
        if (msg.sender != admissions) revert CommonsRegistryNotAdmissions(msg.sender);
        Participant storage p = _participants[account];
        if (p.protocol) revert CommonsRegistryProtocolAccount(account);
        if (p.status != Status.None) revert CommonsRegistryCannotAdmit(account, p.status);
        _listAccount(account);
        p.kind = kind;
        _setProfile(account, profileURI, profileHash);
        _admit(account, p, how, voteRipensAt);
    }

    /// @inheritdoc IRegistryGovernance
    function ripen(address account) external {
        Participant storage p = _participants[account];
        uint48 ripensAt = p.voteRipensAt;
        Status status = p.status;
        if (ripensAt == 0 || (status != Status.Admitted && status != Status.Suspended)) {
            revert CommonsRegistryNothingToRipen(account, p.kind, status);
        }
        if (block.timestamp < ripensAt) revert CommonsRegistryVoteNotRipe(account, ripensAt, block.timestamp);
        p.voteRipensAt = 0;
        if (status == Status.Admitted) _setVote(account, true);
        emit VoteRipened(account);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRegistryGovernance
    function suspend(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (p.status != Status.Admitted) revert CommonsRegistryNotAdmitted(account, p.status);
        p.status = Status.Suspended;
        if (p.kind == Kind.Person) _setVote(account, false);
        emit Suspended(account, reason);
    }

    /// @inheritdoc IRegistryGovernance
    function reinstate(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (p.status != Status.Suspended) revert CommonsRegistryNotSuspended(account, p.status);
        p.status = Status.Admitted;
        if (p.kind == Kind.Person && p.voteRipensAt == 0) _setVote(account, true);
        emit Reinstated(account, reason);
    }

    /// @inheritdoc IRegistryGovernance
    function expel(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        Status status = p.status;
        if (status != Status.Admitted && status != Status.Suspended)
            revert CommonsRegistryNotParticipant(account, status);
        p.status = Status.Expelled;
        if (p.kind == Kind.Person) {
            _setVote(account, false);
            _burnMembership(account);
        }
        emit Expelled(account, reason);
    }

    /// @inheritdoc IRegistryGovernance
    function setProtocolAccount(address account, bool isProtocol) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert CommonsRegistryZeroAddress();
        Participant storage p = _participants[account];
        if (p.status != Status.None) revert CommonsRegistryParticipantNotProtocol(account, p.status);
        p.protocol = isProtocol;
        emit ProtocolAccountSet(account, isProtocol);
    }

    // ---------------------------------------------------------------- self-service

    /// @inheritdoc IRegistryGovernance
    function updateProfile(string calldata profileURI, bytes32 profileHash) external {
        Status status = _participants[msg.sender].status;
        if (status != Status.Admitted) revert CommonsRegistryCannotUpdateProfile(msg.sender, status);
        _setProfile(msg.sender, profileURI, profileHash);
    }

    /// @inheritdoc IRegistryGovernance
    function updatePlace(PlaceInfo calldata place) external {
        Participant storage p = _participants[msg.sender];
        if (p.kind != Kind.Place) revert CommonsRegistryNotPlace(msg.sender, p.kind);
        if (p.status != Status.Admitted) revert CommonsRegistryCannotUpdateProfile(msg.sender, p.status);
        _setPlace(msg.sender, place);
    }

    // ---------------------------------------------------------------- Besu and views

    /// @notice Besu account rule: only admitted, unsuspended participants send transactions.
    /// Newcomers do not need an exception: they sign their application, and a member (or a
    /// relayer the chain allows) submits it to Admissions. Protocol accounts never sign, so they
    /// are refused like every unknown account.
    function transactionAllowed(
        address sender,
        address,
        uint256,
        uint256,
        uint256,
        bytes calldata
    ) external view returns (bool) {
        return _participants[sender].status == Status.Admitted;
    }

    /// @inheritdoc IRegistryGovernance
    function isProtocolAccount(address account) external view returns (bool) {
        return _participants[account].protocol;
    }

    /// @inheritdoc IRegistryGovernance
    function profileOf(address account) external view returns (string memory uri, bytes32 hash) {
        Profile storage profile = _profiles[account];
        return (profile.uri, profile.hash);
    }

    /// @notice ERC-165: the membership token's interfaces and AccessControl's.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControl, Membership) returns (bool) {
        return Membership.supportsInterface(interfaceId) || AccessControl.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    function _admitDirectly(
        address account,
        Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) private {
        if (account == address(0)) revert CommonsRegistryZeroAddress();
        Participant storage p = _participants[account];
        if (p.protocol) revert CommonsRegistryProtocolAccount(account);
        if (p.status != Status.None) revert CommonsRegistryCannotAdmit(account, p.status);
        if (Admissions(admissions).hasApplication(account)) revert CommonsRegistryHasApplication(account);
        _listAccount(account);
        p.kind = kind;
        _setProfile(account, profileURI, profileHash);
        _admit(account, p, AdmissionPath.Governance, 0);
    }

    /// @dev Admits with a vote that counts at once (`voteRipensAt` 0) or from `voteRipensAt`.
    function _admit(address account, Participant storage p, AdmissionPath how, uint48 voteRipensAt) private {
        p.status = Status.Admitted;
        p.memberSince = uint48(block.timestamp);
        Kind kind = p.kind;
        if (kind == Kind.Person) {
            p.voteRipensAt = voteRipensAt;
            _mintMembership(account, voteRipensAt == 0);
        }
        emit Admitted(account, kind, how);
        if (kind == Kind.Person && voteRipensAt != 0) emit VoteRipening(account, voteRipensAt);
    }

    function _setProfile(address account, string calldata profileURI, bytes32 profileHash) private {
        RegistryInput.checkProfile(profileURI, profileHash);
        _profiles[account] = Profile(profileURI, profileHash);
        emit ProfileUpdated(account, profileURI, profileHash);
    }

    function _setPlace(address account, PlaceInfo calldata place) private {
        RegistryInput.checkPlace(place);
        emit PlaceUpdated(
            account,
            place.name,
            place.latitudeE6,
            place.longitudeE6,
            place.country,
            place.machines
        );
    }

    function _profileURI(address account) internal view override returns (string memory) {
        return _profiles[account].uri;
    }
}
