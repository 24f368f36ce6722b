// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IAdmission} from "../interfaces/IAdmission.sol";
import {Membership} from "./Membership.sol";
import {NodeAllowlist} from "./NodeAllowlist.sol";
import {RegistryInput} from "./RegistryInput.sol";

/// @title The commons registry: SPIN's permission layer
/// @notice Who may act on the chain, and with what. Candidates apply; `vouchThreshold` vouches
/// from distinct admitted Persons within `vouchWindow` seconds of applying admit them, or
/// governance (DEFAULT_ADMIN_ROLE, the timelock once the governor exists) admits them directly.
/// Governance alone suspends, reinstates and expels. Persons get a soulbound, one-vote membership
/// (see Membership). Besu asks `transactionAllowed` and `connectionAllowed`; SPIN's contracts ask
/// `isAllowed`/`areAllowed`.
contract CommonsRegistry is Membership, NodeAllowlist, IAdmission {
    /// @dev Bounds on the admission rule governance may set.
    uint16 public constant MAX_VOUCH_THRESHOLD = 64;
    uint32 public constant MIN_VOUCH_WINDOW = 1 hours;
    uint32 public constant MAX_VOUCH_WINDOW = 365 days;

    struct Profile {
        string uri;
        bytes32 hash;
    }

    /// @inheritdoc IAdmission
    uint16 public vouchThreshold;
    /// @inheritdoc IAdmission
    uint32 public vouchWindow;

    /// @dev The application (identified by its window end) each voucher last vouched for.
    mapping(address candidate => mapping(address voucher => uint48 windowEnd)) private _vouchedFor;
    mapping(address account => Profile) private _profiles;

    /// @param admin Receives DEFAULT_ADMIN_ROLE: the deployer, to admit the first members, who
    /// then hands it to the timelock and renounces.
    /// @param threshold Vouches that admit a candidate.
    /// @param window Seconds an application accepts vouches.
    constructor(address admin, uint16 threshold, uint32 window) {
        if (admin == address(0)) revert CommonsRegistryZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setAdmissionRule(threshold, window);
    }

    // ---------------------------------------------------------------- applications and vouches

    /// @inheritdoc IAdmission
    function applyForAdmission(Kind kind, string calldata profileURI, bytes32 profileHash) external {
        if (kind == Kind.None || kind == Kind.Place) revert CommonsRegistryInvalidKind(kind);
        _apply(msg.sender, kind, profileURI, profileHash);
    }

    /// @inheritdoc IAdmission
    function applyAsPlace(string calldata profileURI, bytes32 profileHash, PlaceInfo calldata place) external {
        _apply(msg.sender, Kind.Place, profileURI, profileHash);
        _setPlace(msg.sender, place);
    }

    /// @inheritdoc IAdmission
    function vouch(address candidate) external {
        address voucher = msg.sender;
        if (voucher == candidate) revert CommonsRegistrySelfVouch(voucher);
        Participant storage v = _participants[voucher];
        if (!_isVoter(v)) revert CommonsRegistryVoucherNotMember(voucher, v.kind, v.status);
        Participant storage c = _participants[candidate];
        if (c.status != Status.Applicant) revert CommonsRegistryNotApplicant(candidate, c.status);
        uint48 windowEnd = c.windowEnd;
        if (block.timestamp > windowEnd) {
            revert CommonsRegistryApplicationExpired(candidate, windowEnd, block.timestamp);
        }
        if (_vouchedFor[candidate][voucher] == windowEnd) revert CommonsRegistryAlreadyVouched(voucher, candidate);

        _vouchedFor[candidate][voucher] = windowEnd;
        uint16 vouches = c.vouches + 1;
        c.vouches = vouches;
        uint16 threshold = vouchThreshold;
        emit Vouched(voucher, candidate, vouches, threshold);
        if (vouches >= threshold) _admit(candidate, c, AdmissionPath.Vouches);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IAdmission
    function admit(
        address account,
        Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (kind == Kind.None || kind == Kind.Place) revert CommonsRegistryInvalidKind(kind);
        _admitDirectly(account, kind, profileURI, profileHash);
    }

    /// @inheritdoc IAdmission
    function admitPlace(
        address account,
        string calldata profileURI,
        bytes32 profileHash,
        PlaceInfo calldata place
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _admitDirectly(account, Kind.Place, profileURI, profileHash);
        _setPlace(account, place);
    }

    /// @inheritdoc IAdmission
    function admitApplicant(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (p.status != Status.Applicant) revert CommonsRegistryNotApplicant(account, p.status);
        _admit(account, p, AdmissionPath.Governance);
    }

    /// @inheritdoc IAdmission
    function suspend(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (p.status != Status.Admitted) revert CommonsRegistryNotAdmitted(account, p.status);
        p.status = Status.Suspended;
        if (p.kind == Kind.Person) _setVote(account, false);
        emit Suspended(account, reason);
    }

    /// @inheritdoc IAdmission
    function reinstate(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (p.status != Status.Suspended) revert CommonsRegistryNotSuspended(account, p.status);
        p.status = Status.Admitted;
        if (p.kind == Kind.Person) _setVote(account, true);
        emit Reinstated(account, reason);
    }

    /// @inheritdoc IAdmission
    function expel(address account, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        Status status = p.status;
        if (status == Status.None || status == Status.Expelled) revert CommonsRegistryNotParticipant(account, status);
        p.status = Status.Expelled;
        if (p.kind == Kind.Person && status != Status.Applicant) {
            _setVote(account, false);
            _burnMembership(account);
        }
        emit Expelled(account, reason);
    }

    /// @inheritdoc IAdmission
    function setAdmissionRule(uint16 threshold, uint32 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setAdmissionRule(threshold, window);
    }

    /// @inheritdoc IAdmission
    function setProtocolAccount(address account, bool isProtocol) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert CommonsRegistryZeroAddress();
        Participant storage p = _participants[account];
        if (p.status != Status.None) revert CommonsRegistryParticipantNotProtocol(account, p.status);
        p.protocol = isProtocol;
        emit ProtocolAccountSet(account, isProtocol);
    }

    // ---------------------------------------------------------------- self-service

    /// @inheritdoc IAdmission
    function updateProfile(string calldata profileURI, bytes32 profileHash) external {
        Status status = _participants[msg.sender].status;
        if (status != Status.Applicant && status != Status.Admitted) {
            revert CommonsRegistryCannotUpdateProfile(msg.sender, status);
        }
        _setProfile(msg.sender, profileURI, profileHash);
    }

    /// @inheritdoc IAdmission
    function updatePlace(PlaceInfo calldata place) external {
        Participant storage p = _participants[msg.sender];
        if (p.kind != Kind.Place) revert CommonsRegistryNotPlace(msg.sender, p.kind);
        if (p.status != Status.Applicant && p.status != Status.Admitted) {
            revert CommonsRegistryCannotUpdateProfile(msg.sender, p.status);
        }
        _setPlace(msg.sender, place);
    }

    // ---------------------------------------------------------------- Besu and views

    /// @notice Besu account rule: only admitted, unsuspended participants send transactions.
    /// Protocol accounts never sign, so they are refused here like every unknown account.
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

    /// @inheritdoc IAdmission
    function applicationOf(address account) external view returns (uint16 vouches, uint48 windowEnd) {
        Participant storage p = _participants[account];
        if (p.status != Status.Applicant) return (0, 0);
        return (p.vouches, p.windowEnd);
    }

    /// @inheritdoc IAdmission
    function hasVouched(address candidate, address voucher) external view returns (bool) {
        Participant storage c = _participants[candidate];
        return c.status == Status.Applicant && _vouchedFor[candidate][voucher] == c.windowEnd;
    }

    /// @inheritdoc IAdmission
    function isProtocolAccount(address account) external view returns (bool) {
        return _participants[account].protocol;
    }

    /// @inheritdoc IAdmission
    function profileOf(address account) external view returns (string memory uri, bytes32 hash) {
        Profile storage profile = _profiles[account];
        return (profile.uri, profile.hash);
    }

    /// @notice ERC-165: the membership token's interfaces and AccessControl's.
    function supportsInterface(bytes4 interfaceId) public view override(AccessControl, Membership) returns (bool) {
        return Membership.supportsInterface(interfaceId) || AccessControl.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    function _apply(address account, Kind kind, string calldata profileURI, bytes32 profileHash) private {
        Participant storage p = _participants[account];
        if (p.protocol) revert CommonsRegistryProtocolAccount(account);
        Status status = p.status;
        if (status == Status.Applicant) {
            if (block.timestamp <= p.windowEnd) revert CommonsRegistryAlreadyApplied(account, p.windowEnd);
        } else if (status != Status.None) {
            revert CommonsRegistryCannotApply(account, status);
        } else {
            _listAccount(account);
        }
        uint48 windowEnd = uint48(block.timestamp) + vouchWindow;
        p.kind = kind;
        p.status = Status.Applicant;
        p.vouches = 0;
        p.windowEnd = windowEnd;
        emit Applied(account, kind, profileURI, profileHash, windowEnd);
        _setProfile(account, profileURI, profileHash);
    }

    function _admitDirectly(address account, Kind kind, string calldata profileURI, bytes32 profileHash) private {
        if (account == address(0)) revert CommonsRegistryZeroAddress();
        Participant storage p = _participants[account];
        if (p.protocol) revert CommonsRegistryProtocolAccount(account);
        Status status = p.status;
        if (status == Status.None) {
            _listAccount(account);
        } else if (status != Status.Applicant) {
            revert CommonsRegistryCannotAdmit(account, status);
        }
        p.kind = kind;
        _setProfile(account, profileURI, profileHash);
        _admit(account, p, AdmissionPath.Governance);
    }

    function _admit(address account, Participant storage p, AdmissionPath how) private {
        p.status = Status.Admitted;
        p.vouches = 0;
        p.windowEnd = 0;
        Kind kind = p.kind;
        if (kind == Kind.Person) _mintMembership(account);
        emit Admitted(account, kind, how);
    }

    function _setProfile(address account, string calldata profileURI, bytes32 profileHash) private {
        RegistryInput.checkProfile(profileURI, profileHash);
        _profiles[account] = Profile(profileURI, profileHash);
        emit ProfileUpdated(account, profileURI, profileHash);
    }

    function _setPlace(address account, PlaceInfo calldata place) private {
        RegistryInput.checkPlace(place);
        emit PlaceUpdated(account, place.name, place.latitudeE6, place.longitudeE6, place.country, place.machines);
    }

    function _setAdmissionRule(uint16 threshold, uint32 window) private {
        if (threshold == 0 || threshold > MAX_VOUCH_THRESHOLD || window < MIN_VOUCH_WINDOW || window > MAX_VOUCH_WINDOW) {
            revert CommonsRegistryInvalidAdmissionRule(threshold, window);
        }
        vouchThreshold = threshold;
        vouchWindow = window;
        emit AdmissionRuleChanged(threshold, window);
    }

    function _profileURI(address account) internal view override returns (string memory) {
        return _profiles[account].uri;
    }
}
