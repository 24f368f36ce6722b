// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IAdmission} from "../interfaces/IAdmission.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {IRegistryGovernance} from "../interfaces/IRegistryGovernance.sol";
import {ApplicationHashes} from "./ApplicationHashes.sol";
import {RegistryInput} from "./RegistryInput.sol";

/// @title Applications, vouches, and the limits that keep admission slower than governance
/// @notice Created by the commons registry, which it alone may ask to admit applicants. See
/// IAdmission for the path (apply, vouch, scheduled admission, completion, ripening) and
/// docs/security.md for why each limit is there and the bound they put on a faction.
contract Admissions is IAdmission, EIP712, Nonces {
    /// @dev Bounds on the rule governance may set.
    uint16 public constant MAX_VOUCH_THRESHOLD = 64;
    uint16 public constant MAX_VOUCH_BUDGET = 64;
    uint32 public constant MIN_VOUCH_WINDOW = 1 hours;
    uint32 public constant MIN_BUDGET_PERIOD = 1 days;
    uint32 public constant MAX_DURATION = 365 days;
    /// @notice The longest call data an application needs: a signed Place application with the
    /// longest URI, name and machine list, plus a signature, is about 5.5 kB.
    uint256 public constant MAX_APPLICATION_CALLDATA = 6_144;

    bytes32 private constant DEFAULT_ADMIN_ROLE = 0x00;

    /// @dev One slot per application. `round` grows with every new application or profile change
    /// of the account and is never reset, so vouches recorded for an earlier round never count.
    struct Record {
        ICommonsRegistry.Kind kind;
        uint16 vouches;
        uint16 threshold;
        uint32 admissionDelay;
        uint32 ripeningPeriod;
        uint32 round;
        uint48 windowEnd;
        uint48 admissibleAt;
    }

    /// @dev What the vouchers read: the profile hash, and the URI's hash the admission must match.
    struct Profile {
        bytes32 hash;
        bytes32 uriHash;
    }

    struct Budget {
        uint48 period;
        uint16 used;
    }

    /// @inheritdoc IAdmission
    ICommonsRegistry public immutable registry;

    AdmissionRule private _rule;
    mapping(address account => Record) private _records;
    mapping(address account => Profile) private _profiles;
    mapping(address candidate => mapping(address voucher => uint32 round)) private _vouchedRound;
    mapping(address voucher => Budget) private _budgets;

    modifier onlyGovernance() {
        if (!IAccessControl(address(registry)).hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert AdmissionsUnauthorized(msg.sender);
        }
        _;
    }

    /// @dev Bounds the call data of the application paths, so none carries junk.
    modifier boundedCalldata() {
        if (msg.data.length > MAX_APPLICATION_CALLDATA) {
            revert AdmissionsCalldataTooLarge(msg.data.length, MAX_APPLICATION_CALLDATA);
        }
        _;
    }

    /// @notice Called by the registry that creates it. The rest of the initial rule: a 14-day
    /// admission delay and ripening period, 28 days of seniority to vouch, 2 vouches per member
    /// per 30 days, and 30 days before applying again. The deployment sets its own.
    constructor(uint16 vouchThreshold, uint32 vouchWindow) EIP712("SPIN Admissions", "1") {
        registry = ICommonsRegistry(msg.sender);
        _setRule(AdmissionRule(vouchThreshold, vouchWindow, 14 days, 14 days, 28 days, 2, 30 days, 30 days));
    }

    // ---------------------------------------------------------------- applying

    /// @inheritdoc IAdmission
    function applyForAdmission(
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) external boundedCalldata {
        if (kind == ICommonsRegistry.Kind.Place) revert AdmissionsInvalidKind(kind);
        _useNonce(msg.sender);
        _apply(msg.sender, kind, profileURI, profileHash);
    }

    /// @inheritdoc IAdmission
    function applyAsPlace(
        string calldata profileURI,
        bytes32 profileHash,
        ICommonsRegistry.PlaceInfo calldata place
    ) external boundedCalldata {
        _useNonce(msg.sender);
        _apply(msg.sender, ICommonsRegistry.Kind.Place, profileURI, profileHash);
        _publishPlace(msg.sender, place);
    }

    /// @inheritdoc IAdmission
    function applyBySig(
        SignedApplication calldata application,
        bytes calldata signature
    ) external boundedCalldata {
        _applyBySig(application, signature);
    }

    /// @inheritdoc IAdmission
    function applyBySigAndVouch(
        SignedApplication calldata application,
        bytes calldata signature
    ) external boundedCalldata {
        _applyBySig(application, signature);
        _vouch(msg.sender, application.applicant, application.profileHash);
    }

    /// @inheritdoc IAdmission
    function updateApplication(string calldata profileURI, bytes32 profileHash) external boundedCalldata {
        _useNonce(msg.sender);
        _update(msg.sender, profileURI, profileHash);
    }

    /// @inheritdoc IAdmission
    function updateApplicationBySig(
        SignedProfileChange calldata change,
        bytes calldata signature
    ) external boundedCalldata {
        _checkSignature(
            change.applicant,
            change.nonce,
            change.deadline,
            ApplicationHashes.profileChange(change),
            signature
        );
        _update(change.applicant, change.profileURI, change.profileHash);
    }

    // ---------------------------------------------------------------- vouching and admitting

    /// @inheritdoc IAdmission
    function vouch(address candidate, bytes32 profileHash) external {
        _vouch(msg.sender, candidate, profileHash);
    }

    /// @inheritdoc IAdmission
    function completeAdmission(address candidate, string calldata profileURI) external {
        Record storage r = _records[candidate];
        uint48 admissibleAt = r.admissibleAt;
        if (admissibleAt == 0) revert AdmissionsNotApplicant(candidate, _stateOf(r));
        if (block.timestamp < admissibleAt) {
            revert AdmissionsAdmissionNotDue(candidate, admissibleAt, block.timestamp);
        }
        uint32 ripening = r.ripeningPeriod;
        uint48 ripensAt = ripening == 0 ? 0 : uint48(block.timestamp) + ripening;
        _admit(candidate, r, profileURI, ripensAt, ICommonsRegistry.AdmissionPath.Vouches);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IAdmission
    function admitApplicant(address candidate, string calldata profileURI) external onlyGovernance {
        Record storage r = _records[candidate];
        if (!_isPending(r)) revert AdmissionsNotApplicant(candidate, _stateOf(r));
        _admit(candidate, r, profileURI, 0, ICommonsRegistry.AdmissionPath.Governance);
    }

    /// @inheritdoc IAdmission
    function rejectApplication(address candidate, string calldata reason) external onlyGovernance {
        Record storage r = _records[candidate];
        if (!_isPending(r)) revert AdmissionsNotApplicant(candidate, _stateOf(r));
        // Closed from this second on: its window "ended" the second before.
        r.windowEnd = uint48(block.timestamp) - 1;
        r.admissibleAt = 0;
        r.vouches = 0;
        emit ApplicationRejected(candidate, reason, uint48(block.timestamp) + _rule.reapplyCooldown);
    }

    /// @inheritdoc IAdmission
    function setAdmissionRule(AdmissionRule calldata rule) external onlyGovernance {
        _setRule(rule);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAdmission
    function admissionRule() external view returns (AdmissionRule memory) {
        return _rule;
    }

    /// @inheritdoc IAdmission
    function applicationOf(address account) external view returns (Application memory a) {
        Record memory r = _records[account];
        Profile memory profile = _profiles[account];
        a.state = _stateOf(r);
        if (a.state == ApplicationState.None) return a;
        a.kind = r.kind;
        a.vouches = r.vouches;
        a.threshold = r.threshold;
        a.admissionDelay = r.admissionDelay;
        a.ripeningPeriod = r.ripeningPeriod;
        a.round = r.round;
        a.windowEnd = r.windowEnd;
        a.admissibleAt = r.admissibleAt;
        a.profileHash = profile.hash;
        a.profileURIHash = profile.uriHash;
        if (a.state == ApplicationState.Closed) a.mayApplyFrom = _mayApplyFrom(r.windowEnd);
    }

    /// @inheritdoc IAdmission
    function hasApplication(address account) external view returns (bool) {
        return _isPending(_records[account]);
    }

    /// @inheritdoc IAdmission
    function hasVouched(address candidate, address voucher) external view returns (bool) {
        Record storage r = _records[candidate];
        return _isPending(r) && _vouchedRound[candidate][voucher] == r.round;
    }

    /// @inheritdoc IAdmission
    function vouchBudgetOf(address voucher) external view returns (uint16 remaining, uint256 nextPeriod) {
        AdmissionRule memory rule = _rule;
        uint256 period = block.timestamp / rule.budgetPeriod;
        Budget memory b = _budgets[voucher];
        uint16 used = b.period == period ? b.used : 0;
        remaining = used >= rule.vouchBudget ? 0 : rule.vouchBudget - used;
        nextPeriod = (period + 1) * rule.budgetPeriod;
    }

    /// @inheritdoc IAdmission
    function nonces(address applicant) public view override(IAdmission, Nonces) returns (uint256) {
        return super.nonces(applicant);
    }

    // ---------------------------------------------------------------- internals

    function _applyBySig(SignedApplication calldata a, bytes calldata signature) private {
        _checkSignature(a.applicant, a.nonce, a.deadline, ApplicationHashes.application(a), signature);
        _apply(a.applicant, a.kind, a.profileURI, a.profileHash);
        if (a.kind == ICommonsRegistry.Kind.Place) {
            _publishPlace(a.applicant, a.place);
        } else if (
            bytes(a.place.name).length != 0 ||
            a.place.machines.length != 0 ||
            a.place.latitudeE6 != 0 ||
            a.place.longitudeE6 != 0 ||
            a.place.country != bytes2(0)
        ) {
            revert AdmissionsUnexpectedPlace(a.kind);
        }
    }

    /// @dev The signature path's own checks, after which it follows the transaction path: the
    /// deadline, the applicant's next nonce (used up), and the applicant's ECDSA signature.
    function _checkSignature(
        address applicant,
        uint256 nonce,
        uint256 deadline,
        bytes32 structHash,
        bytes calldata signature
    ) private {
        if (block.timestamp > deadline) revert AdmissionsExpiredSignature(applicant, deadline);
        _useCheckedNonce(applicant, nonce);
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(
            _hashTypedDataV4(structHash),
            signature
        );
        if (error != ECDSA.RecoverError.NoError || signer != applicant) {
            revert AdmissionsInvalidSignature(applicant);
        }
    }

    function _apply(
        address account,
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) private {
        if (kind == ICommonsRegistry.Kind.None) revert AdmissionsInvalidKind(kind);
        ICommonsRegistry.Standing memory s = registry.standingOf(account);
        if (s.protocol) revert AdmissionsProtocolAccount(account);
        if (s.status != ICommonsRegistry.Status.None) revert AdmissionsCannotApply(account, s.status);
        Record storage r = _records[account];
        ApplicationState state = _stateOf(r);
        if (state == ApplicationState.Closed) {
            uint48 mayApplyFrom = _mayApplyFrom(r.windowEnd);
            if (block.timestamp < mayApplyFrom) revert AdmissionsCoolingDown(account, mayApplyFrom);
        } else if (state != ApplicationState.None) {
            revert AdmissionsAlreadyApplied(account, state);
        }
        _open(account, r, kind, profileURI, profileHash);
    }

    /// @dev A profile change restarts the application as if made now: new round, no vouches, the
    /// rule in force now (so a pending application cannot keep a laxer rule by restarting).
    function _update(address account, string calldata profileURI, bytes32 profileHash) private {
        Record storage r = _records[account];
        ApplicationState state = _stateOf(r);
        if (state == ApplicationState.Closed) {
            revert AdmissionsApplicationExpired(account, r.windowEnd, block.timestamp);
        }
        if (state == ApplicationState.None) revert AdmissionsNotApplicant(account, state);
        _open(account, r, r.kind, profileURI, profileHash);
    }

    /// @dev Writes a new round of the application of `account` under the current rule.
    function _open(
        address account,
        Record storage r,
        ICommonsRegistry.Kind kind,
        string calldata profileURI,
        bytes32 profileHash
    ) private {
        RegistryInput.checkProfile(profileURI, profileHash);
        AdmissionRule memory rule = _rule;
        uint32 round = r.round + 1;
        uint48 windowEnd = uint48(block.timestamp) + rule.vouchWindow;
        _records[account] = Record(
            kind,
            0,
            rule.vouchThreshold,
            rule.admissionDelay,
            rule.ripeningPeriod,
            round,
            windowEnd,
            0
        );
        _profiles[account] = Profile(profileHash, keccak256(bytes(profileURI)));
        emit Applied(account, kind, profileURI, profileHash, windowEnd, round);
        emit ICommonsRegistry.ProfileUpdated(account, profileURI, profileHash);
    }

    function _publishPlace(address account, ICommonsRegistry.PlaceInfo calldata place) private {
        RegistryInput.checkPlace(place);
        emit ICommonsRegistry.PlaceUpdated(
            account,
            place.name,
            place.latitudeE6,
            place.longitudeE6,
            place.country,
            place.machines
        );
    }

    function _vouch(address voucher, address candidate, bytes32 profileHash) private {
        if (voucher == candidate) revert AdmissionsSelfVouch(voucher);
        ICommonsRegistry.Standing memory s = registry.standingOf(voucher);
        if (s.kind != ICommonsRegistry.Kind.Person || s.status != ICommonsRegistry.Status.Admitted) {
            revert AdmissionsVoucherNotMember(voucher, s.kind, s.status);
        }
        AdmissionRule memory rule = _rule;
        uint256 seniorFrom = uint256(s.memberSince) + rule.voucherSeniority;
        if (block.timestamp < seniorFrom)
            revert AdmissionsVoucherTooRecent(voucher, s.memberSince, seniorFrom);

        Record storage r = _records[candidate];
        ApplicationState state = _stateOf(r);
        if (state == ApplicationState.Closed) {
            revert AdmissionsApplicationExpired(candidate, r.windowEnd, block.timestamp);
        }
        if (state != ApplicationState.Open) revert AdmissionsNotApplicant(candidate, state);
        bytes32 current = _profiles[candidate].hash;
        if (current != profileHash) revert AdmissionsProfileChanged(candidate, profileHash, current);
        uint32 round = r.round;
        if (_vouchedRound[candidate][voucher] == round) revert AdmissionsAlreadyVouched(voucher, candidate);

        uint256 period = block.timestamp / rule.budgetPeriod;
        Budget storage budget = _budgets[voucher];
        uint16 used = budget.period == period ? budget.used : 0;
        if (used >= rule.vouchBudget) {
            revert AdmissionsVouchBudgetExhausted(
                voucher,
                rule.vouchBudget,
                (period + 1) * rule.budgetPeriod
            );
        }
        budget.period = uint48(period);
        budget.used = used + 1;

        _vouchedRound[candidate][voucher] = round;
        uint16 vouches = r.vouches + 1;
        r.vouches = vouches;
        uint16 threshold = r.threshold;
        emit Vouched(voucher, candidate, vouches, threshold);
        if (vouches >= threshold) {
            uint48 admissibleAt = uint48(block.timestamp) + r.admissionDelay;
            r.admissibleAt = admissibleAt;
            emit AdmissionScheduled(candidate, admissibleAt);
        }
    }

    /// @dev Closes the application (keeping its round) before asking the registry to admit.
    function _admit(
        address candidate,
        Record storage r,
        string calldata profileURI,
        uint48 ripensAt,
        ICommonsRegistry.AdmissionPath how
    ) private {
        Profile memory profile = _profiles[candidate];
        if (keccak256(bytes(profileURI)) != profile.uriHash) {
            revert AdmissionsProfileURIMismatch(candidate, profileURI);
        }
        ICommonsRegistry.Kind kind = r.kind;
        r.vouches = 0;
        r.windowEnd = 0;
        r.admissibleAt = 0;
        delete _profiles[candidate];
        if (kind != ICommonsRegistry.Kind.Person) ripensAt = 0;
        IRegistryGovernance(address(registry)).admitFromApplication(
            candidate,
            kind,
            profileURI,
            profile.hash,
            ripensAt,
            how
        );
    }

    function _setRule(AdmissionRule memory rule) private {
        if (
            rule.vouchThreshold == 0 ||
            rule.vouchThreshold > MAX_VOUCH_THRESHOLD ||
            rule.vouchWindow < MIN_VOUCH_WINDOW ||
            rule.vouchWindow > MAX_DURATION ||
            rule.admissionDelay > MAX_DURATION ||
            rule.ripeningPeriod > MAX_DURATION ||
            rule.voucherSeniority > MAX_DURATION ||
            rule.vouchBudget > MAX_VOUCH_BUDGET ||
            rule.budgetPeriod < MIN_BUDGET_PERIOD ||
            rule.budgetPeriod > MAX_DURATION ||
            rule.reapplyCooldown > MAX_DURATION
        ) {
            revert AdmissionsInvalidAdmissionRule(rule);
        }
        _rule = rule;
        emit AdmissionRuleChanged(rule);
    }

    function _stateOf(Record memory r) private view returns (ApplicationState) {
        if (r.windowEnd == 0) return ApplicationState.None;
        if (r.admissibleAt != 0) {
            return
                block.timestamp < r.admissibleAt ? ApplicationState.Scheduled : ApplicationState.Admissible;
        }
        return block.timestamp <= r.windowEnd ? ApplicationState.Open : ApplicationState.Closed;
    }

    /// @dev Open, scheduled or admissible: an application governance may still decide on.
    function _isPending(Record memory r) private view returns (bool) {
        ApplicationState state = _stateOf(r);
        return state != ApplicationState.None && state != ApplicationState.Closed;
    }

    function _mayApplyFrom(uint48 windowEnd) private view returns (uint48) {
        return windowEnd + 1 + _rule.reapplyCooldown;
    }
}
