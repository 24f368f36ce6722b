// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";

/// @title The common fund's books: sub-funds, their locks and their spending caps
/// @notice Every payment out of a sub-fund passes `_debit`, which enforces the two limits that
/// keep one bad proposal from emptying the treasury:
/// - the lock: nothing leaves before `lockedUntil`, and a lock date only ever moves later;
/// - the cap: one transaction (so one proposal's execution, however many calls it makes) takes
///   at most the cap in force at its first payment out of the sub-fund, `capBps` of the balance
///   then. A lower cap is in force at once (from the next transaction's payments); a higher one
///   only `CAP_RAISE_DELAY` after it was set, so the execution that raises a cap can never spend
///   under the raise.
abstract contract SubFunds is ICommonFund, AccessControl {
    using SafeCast for uint256;

    /// @notice Bound on the number of sub-funds, so any loop over them stays bounded.
    uint256 public constant MAX_SUB_FUNDS = 32;
    /// @notice Basis points in one whole.
    uint16 public constant BPS = 10_000;
    /// @notice How long the three dedicated sub-funds stay locked when deployment gives no date.
    uint64 public constant DEFAULT_LOCK = 365 days;
    /// @notice How long a raised cap waits before it is in force: longer than a whole governance
    /// cycle with the default settings (1 day delay, 7 days voting, 2 days timelock), so members
    /// can pass a proposal lowering it again before anyone spends under it.
    uint64 public constant CAP_RAISE_DELAY = 14 days;

    /// @notice Sub-fund ids fixed at deployment.
    uint256 public constant POOLED = 0;
    uint256 public constant GLOBAL_SOUTH = 1;
    uint256 public constant COMMONS = 2;
    uint256 public constant TECHNOLOGY_INFRASTRUCTURE = 3;

    /// @dev A sub-fund as stored: `capBps` is in force until `raiseAt`, then `raisedCapBps` (a
    /// raise waiting for its delay). All but the name share the balance's slot, so a payment
    /// reads one slot.
    struct Account {
        uint128 balance;
        uint64 lockedUntil;
        uint16 capBps;
        uint16 raisedCapBps;
        uint32 raiseAt;
        string name;
    }

    /// @dev Transient: per sub-fund, what the current transaction may pay out of it (high 128
    /// bits, fixed at its first payment) and what it has paid (low 128 bits), at this base + id.
    bytes32 private constant BUDGET_SLOT = keccak256("spin.CommonFund.budget");

    Account[] internal _subFunds;
    /// @dev Sub-fund balances plus coin committed to streams and not yet claimed.
    uint256 internal _accounted;

    /// @param lockDates Lock dates of Global South, Commons and Technology Infrastructure
    /// (unix seconds); 0 means one year after deployment.
    /// @param capsBps Cap per transaction of the four sub-funds, in basis points of balance.
    constructor(uint64[3] memory lockDates, uint16[4] memory capsBps) {
        uint64 defaultLock = uint64(block.timestamp) + DEFAULT_LOCK;
        _addSubFund("Pooled", 0, capsBps[0]);
        _addSubFund("Global South", _orDefault(lockDates[0], defaultLock), capsBps[1]);
        _addSubFund("Commons", _orDefault(lockDates[1], defaultLock), capsBps[2]);
        _addSubFund("Technology Infrastructure", _orDefault(lockDates[2], defaultLock), capsBps[3]);
    }

    // ---------------------------------------------------------------- settings

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {SubFundAdded}. Fails with CommonFundTooManySubFunds or
    /// CommonFundInvalidCap. A new sub-fund holds nothing, so its cap is in force at once.
    function addSubFund(
        string calldata name,
        uint64 lockedUntil,
        uint16 capBps
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256) {
        return _addSubFund(name, lockedUntil, capBps);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {SubFundLockExtended}. Fails with CommonFundUnknownSubFund or
    /// CommonFundLockShortened (a lock date never moves earlier).
    function extendLock(uint256 subFund_, uint64 lockedUntil) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Account storage f = _subFund(subFund_);
        uint64 old = f.lockedUntil;
        if (lockedUntil < old) revert CommonFundLockShortened(subFund_, old, lockedUntil);
        f.lockedUntil = lockedUntil;
        emit SubFundLockExtended(subFund_, old, lockedUntil);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. A cap at or below the one in force applies at once and drops any
    /// pending raise ({SubFundCapSet}); a higher one replaces any pending raise and is in force
    /// from `CAP_RAISE_DELAY` later ({SubFundCapRaiseScheduled}). Fails with
    /// CommonFundUnknownSubFund or CommonFundInvalidCap.
    function setCap(uint256 subFund_, uint16 capBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (capBps > BPS) revert CommonFundInvalidCap(capBps);
        Account storage f = _subFund(subFund_);
        uint16 current = _capOf(f);
        if (capBps <= current) {
            (f.capBps, f.raisedCapBps, f.raiseAt) = (capBps, 0, 0);
            emit SubFundCapSet(subFund_, current, capBps);
        } else {
            uint64 effectiveAt = uint64(block.timestamp) + CAP_RAISE_DELAY;
            (f.capBps, f.raisedCapBps, f.raiseAt) = (current, capBps, uint256(effectiveAt).toUint32());
            emit SubFundCapRaiseScheduled(subFund_, current, capBps, effectiveAt);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICommonFund
    function subFund(uint256 subFund_) external view returns (SubFund memory) {
        Account storage f = _subFund(subFund_);
        return SubFund({balance: f.balance, lockedUntil: f.lockedUntil, capBps: _capOf(f), name: f.name});
    }

    /// @inheritdoc ICommonFund
    function subFundCount() external view returns (uint256) {
        return _subFunds.length;
    }

    /// @inheritdoc ICommonFund
    function pendingCapRaise(uint256 subFund_) external view returns (uint16 capBps, uint64 effectiveAt) {
        Account storage f = _subFund(subFund_);
        if (f.raiseAt <= block.timestamp) return (0, 0);
        return (f.raisedCapBps, f.raiseAt);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Adds `amount` to a sub-fund and to the accounted total, and records who paid it in.
    function _assign(uint256 subFund_, address from, uint256 amount, string memory memo) internal {
        if (amount == 0) revert CommonFundZeroAmount();
        Account storage f = _subFund(subFund_);
        f.balance += amount.toUint128();
        _accounted += amount;
        emit Deposited(subFund_, from, amount, memo);
    }

    /// @dev The lock and cap checks every payment out shares, then the debit of the balance
    /// (what is paid stays in `_accounted` until the caller says where it went). The cap bounds
    /// the transaction's payments out of the sub-fund together: its first payment fixes the
    /// budget (the cap in force then, times the balance then) and every payment draws on it, so
    /// coin returning within the transaction does not refill it, and since a cap is at most the
    /// whole balance it also bounds `amount` by the balance.
    function _debit(uint256 subFund_, uint256 amount) internal {
        Account storage f = _subFund(subFund_);
        if (amount == 0) revert CommonFundZeroAmount();
        uint64 lockedUntil = f.lockedUntil;
        if (block.timestamp < lockedUntil) revert CommonFundLocked(subFund_, lockedUntil);
        uint256 balance = f.balance;
        bytes32 slot = bytes32(uint256(BUDGET_SLOT) + subFund_);
        uint256 budget;
        assembly ("memory-safe") {
            budget := tload(slot)
        }
        // High 128 bits: the transaction's cap amount; low 128 bits: what it has paid so far.
        if (budget == 0) budget = ((balance * _capOf(f)) / BPS) << 128;
        uint256 available = (budget >> 128) - uint128(budget);
        if (amount > available) revert CommonFundOverCap(subFund_, amount, available);
        budget += amount;
        assembly ("memory-safe") {
            tstore(slot, budget)
        }
        f.balance = uint128(balance - amount);
    }

    /// @dev The cap in force now: a pending raise once its date has come, else the stored cap.
    function _capOf(Account storage f) internal view returns (uint16) {
        uint32 raiseAt = f.raiseAt;
        return raiseAt != 0 && block.timestamp >= raiseAt ? f.raisedCapBps : f.capBps;
    }

    function _subFund(uint256 subFund_) internal view returns (Account storage) {
        if (subFund_ >= _subFunds.length) revert CommonFundUnknownSubFund(subFund_);
        return _subFunds[subFund_];
    }

    function _addSubFund(string memory name, uint64 lockedUntil, uint16 capBps) private returns (uint256 id) {
        id = _subFunds.length;
        if (id == MAX_SUB_FUNDS) revert CommonFundTooManySubFunds(MAX_SUB_FUNDS);
        if (capBps > BPS) revert CommonFundInvalidCap(capBps);
        Account storage f = _subFunds.push();
        (f.lockedUntil, f.capBps, f.name) = (lockedUntil, capBps, name);
        emit SubFundAdded(id, name, lockedUntil, capBps);
    }

    function _orDefault(uint64 date, uint64 fallbackDate) private pure returns (uint64) {
        return date == 0 ? fallbackDate : date;
    }
}
