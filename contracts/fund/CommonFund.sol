// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";

/// @title SPIN's common fund
/// @notice Holds SPIN coin in named sub-funds. Anyone the registry allows may pay in; only
/// governance (the timelock, holder of `DEFAULT_ADMIN_ROLE`) pays out, by grant or by stream, and
/// never from a locked sub-fund nor more than the sub-fund's cap per call.
/// @dev Accounting invariant, kept by every function:
///   coin.balanceOf(this) == accounted() + unassigned()   with unassigned() >= 0, where
///   accounted() == sum of sub-fund balances + sum over streams of (amount - claimed).
/// Coin reaches the fund either through `deposit` (accounted at once) or by a plain transfer
/// (unassigned surplus until `credit` assigns it). With no stray transfer, the fund's coin balance
/// equals the sum of sub-fund balances plus unclaimed stream amounts exactly.
contract CommonFund is ICommonFund, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice SPIN contracts that send coin to the fund and then `credit` it (licensing, the coin).
    bytes32 public constant CREDITOR_ROLE = keccak256("CREDITOR_ROLE");
    /// @notice Bound on the number of sub-funds, so any loop over them stays bounded.
    uint256 public constant MAX_SUB_FUNDS = 32;
    /// @notice Basis points in one whole.
    uint16 public constant BPS = 10_000;
    /// @notice How long the three dedicated sub-funds stay locked when deployment gives no date.
    uint64 public constant DEFAULT_LOCK = 365 days;

    /// @notice Sub-fund ids fixed at deployment.
    uint256 public constant POOLED = 0;
    uint256 public constant GLOBAL_SOUTH = 1;
    uint256 public constant COMMONS = 2;
    uint256 public constant TECHNOLOGY_INFRASTRUCTURE = 3;

    /// @notice The SPIN coin this fund holds.
    IERC20 public immutable coin;
    /// @notice Who may pay in and receive grants.
    ICommonsRegistry public immutable registry;

    SubFund[] private _subFunds;
    Stream[] private _streams;
    uint256 private _accounted;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE` (the deployer, then the timelock).
    /// @param coin_ The SPIN coin.
    /// @param registry_ The commons registry.
    /// @param lockDates Lock dates of Global South, Commons and Technology Infrastructure
    /// (unix seconds); 0 means one year after deployment.
    /// @param capsBps Cap per grant or stream of the four sub-funds, in basis points of balance.
    constructor(
        address admin,
        IERC20 coin_,
        ICommonsRegistry registry_,
        uint64[3] memory lockDates,
        uint16[4] memory capsBps
    ) {
        coin = coin_;
        registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        uint64 defaultLock = uint64(block.timestamp) + DEFAULT_LOCK;
        _addSubFund("Pooled", 0, capsBps[0]);
        _addSubFund("Global South", _orDefault(lockDates[0], defaultLock), capsBps[1]);
        _addSubFund("Commons", _orDefault(lockDates[1], defaultLock), capsBps[2]);
        _addSubFund("Technology Infrastructure", _orDefault(lockDates[2], defaultLock), capsBps[3]);
    }

    // ---------------------------------------------------------------- in

    /// @inheritdoc ICommonFund
    /// @dev Caller: any account the registry allows. Emits {Deposited} with an empty memo.
    /// Fails with CommonFundNotAllowed, CommonFundUnknownSubFund, CommonFundZeroAmount, or the
    /// coin's own error when the allowance or balance is short.
    function deposit(uint256 subFund_, uint256 amount) public nonReentrant {
        if (!registry.isAllowed(msg.sender)) revert CommonFundNotAllowed(msg.sender);
        _assign(subFund_, msg.sender, amount, "");
        coin.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ICommonFund
    /// @dev As `deposit`. A permit that fails (for instance because someone already submitted it)
    /// is ignored: the transfer then succeeds only if the allowance is already in place.
    function depositWithPermit(
        uint256 subFund_,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        try IERC20Permit(address(coin)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        deposit(subFund_, amount);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: a holder of CREDITOR_ROLE (SPIN contracts) or governance (to assign stray
    /// transfers). Emits {Deposited} with the caller as counterparty. Fails with
    /// CommonFundNotCreditor, CommonFundUnknownSubFund, CommonFundZeroAmount or
    /// CommonFundInsufficientSurplus.
    function credit(uint256 subFund_, uint256 amount, string calldata memo) external {
        if (!hasRole(CREDITOR_ROLE, msg.sender) && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert CommonFundNotCreditor(msg.sender);
        }
        uint256 surplus = unassigned();
        if (amount > surplus) revert CommonFundInsufficientSurplus(surplus, amount);
        _assign(subFund_, msg.sender, amount, memo);
    }

    // ---------------------------------------------------------------- out

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {Granted}. Fails with CommonFundUnknownSubFund,
    /// CommonFundNotAllowed (recipient), CommonFundZeroAmount, CommonFundLocked or CommonFundOverCap.
    function grant(
        uint256 subFund_,
        address recipient,
        uint256 amount,
        string calldata memo
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        _spend(subFund_, recipient, amount);
        _accounted -= amount;
        emit Granted(subFund_, recipient, amount, memo);
        coin.safeTransfer(recipient, amount);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. The whole amount leaves the sub-fund now and stays accounted as
    /// committed to the stream. Emits {StreamCreated}. Fails as `grant`, and with
    /// CommonFundInvalidSchedule unless `end` > `start`.
    function createStream(
        uint256 subFund_,
        address recipient,
        uint256 amount,
        uint48 start,
        uint48 end,
        string calldata memo
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 streamId) {
        if (end <= start) revert CommonFundInvalidSchedule(start, end);
        _spend(subFund_, recipient, amount);
        streamId = _streams.length;
        _streams.push(
            Stream({
                recipient: recipient,
                start: start,
                end: end,
                amount: uint128(amount),
                claimed: 0,
                subFund: uint32(subFund_),
                cancelled: false,
                memo: memo
            })
        );
        emit StreamCreated(streamId, subFund_, recipient, amount, start, end, memo);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: the stream's recipient. Emits {StreamClaimed}. Fails with
    /// CommonFundUnknownStream, CommonFundNotRecipient or CommonFundNothingToClaim.
    function claim(uint256 streamId) external nonReentrant returns (uint256 amount) {
        Stream storage s = _stream(streamId);
        if (msg.sender != s.recipient) revert CommonFundNotRecipient(streamId, msg.sender);
        amount = _vested(s, block.timestamp) - s.claimed;
        if (amount == 0) revert CommonFundNothingToClaim(streamId);
        s.claimed += uint128(amount);
        _accounted -= amount;
        emit StreamClaimed(streamId, s.subFund, msg.sender, amount, s.memo);
        coin.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. What has vested stays claimable; the rest returns to the
    /// sub-fund's balance (and so the stream's `amount` becomes the vested amount and its `end`
    /// the cancellation time). Emits {StreamCancelled}. Fails with CommonFundUnknownStream or
    /// CommonFundStreamCancelled.
    function cancelStream(uint256 streamId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Stream storage s = _stream(streamId);
        if (s.cancelled) revert CommonFundStreamCancelled(streamId);
        uint256 vested = _vested(s, block.timestamp);
        uint256 rest = s.amount - vested;
        s.cancelled = true;
        s.amount = uint128(vested);
        if (block.timestamp < s.end) s.end = uint48(block.timestamp);
        SubFund storage f = _subFunds[s.subFund];
        f.balance += uint128(rest);
        emit StreamCancelled(streamId, s.subFund, s.recipient, rest, vested, s.memo);
    }

    // ---------------------------------------------------------------- settings

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {SubFundAdded}. Fails with CommonFundTooManySubFunds or
    /// CommonFundInvalidCap.
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
        SubFund storage f = _subFund(subFund_);
        uint64 old = f.lockedUntil;
        if (lockedUntil < old) revert CommonFundLockShortened(subFund_, old, lockedUntil);
        f.lockedUntil = lockedUntil;
        emit SubFundLockExtended(subFund_, old, lockedUntil);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {SubFundCapSet}. Fails with CommonFundUnknownSubFund or
    /// CommonFundInvalidCap.
    function setCap(uint256 subFund_, uint16 capBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (capBps > BPS) revert CommonFundInvalidCap(capBps);
        SubFund storage f = _subFund(subFund_);
        emit SubFundCapSet(subFund_, f.capBps, capBps);
        f.capBps = capBps;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICommonFund
    function subFund(uint256 subFund_) external view returns (SubFund memory) {
        return _subFund(subFund_);
    }

    /// @inheritdoc ICommonFund
    function subFundCount() external view returns (uint256) {
        return _subFunds.length;
    }

    /// @inheritdoc ICommonFund
    function stream(uint256 streamId) external view returns (Stream memory) {
        return _stream(streamId);
    }

    /// @inheritdoc ICommonFund
    function streamCount() external view returns (uint256) {
        return _streams.length;
    }

    /// @inheritdoc ICommonFund
    function claimable(uint256 streamId) external view returns (uint256) {
        Stream storage s = _stream(streamId);
        return _vested(s, block.timestamp) - s.claimed;
    }

    /// @inheritdoc ICommonFund
    function accounted() external view returns (uint256) {
        return _accounted;
    }

    /// @inheritdoc ICommonFund
    function unassigned() public view returns (uint256) {
        return coin.balanceOf(address(this)) - _accounted;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Adds `amount` to a sub-fund and to the accounted total, and records who paid it in.
    function _assign(uint256 subFund_, address from, uint256 amount, string memory memo) private {
        if (amount == 0) revert CommonFundZeroAmount();
        SubFund storage f = _subFund(subFund_);
        f.balance += amount.toUint128();
        _accounted += amount;
        emit Deposited(subFund_, from, amount, memo);
    }

    /// @dev The checks every payment out shares, then the debit of the sub-fund's balance.
    /// The cap is a share of the balance at this call, so it also bounds `amount` by the balance.
    function _spend(uint256 subFund_, address recipient, uint256 amount) private {
        SubFund storage f = _subFund(subFund_);
        if (amount == 0) revert CommonFundZeroAmount();
        uint64 lockedUntil = f.lockedUntil;
        if (block.timestamp < lockedUntil) revert CommonFundLocked(subFund_, lockedUntil);
        uint256 balance = f.balance;
        uint256 cap = (balance * f.capBps) / BPS;
        if (amount > cap) revert CommonFundOverCap(subFund_, amount, cap);
        if (!registry.isAllowed(recipient)) revert CommonFundNotAllowed(recipient);
        f.balance = uint128(balance - amount);
    }

    function _addSubFund(string memory name, uint64 lockedUntil, uint16 capBps) private returns (uint256 id) {
        id = _subFunds.length;
        if (id == MAX_SUB_FUNDS) revert CommonFundTooManySubFunds(MAX_SUB_FUNDS);
        if (capBps > BPS) revert CommonFundInvalidCap(capBps);
        _subFunds.push(SubFund({balance: 0, lockedUntil: lockedUntil, capBps: capBps, name: name}));
        emit SubFundAdded(id, name, lockedUntil, capBps);
    }

    function _subFund(uint256 subFund_) private view returns (SubFund storage) {
        if (subFund_ >= _subFunds.length) revert CommonFundUnknownSubFund(subFund_);
        return _subFunds[subFund_];
    }

    function _stream(uint256 streamId) private view returns (Stream storage) {
        if (streamId >= _streams.length) revert CommonFundUnknownStream(streamId);
        return _streams[streamId];
    }

    /// @dev Linear vesting; after `end` (or after cancellation, which moves `end` to the
    /// cancellation time and `amount` to what had vested) everything in `amount` has vested.
    function _vested(Stream storage s, uint256 time) private view returns (uint256) {
        uint256 end = s.end;
        uint256 amount = s.amount;
        if (time >= end) return amount;
        uint256 start = s.start;
        if (time <= start) return 0;
        return (amount * (time - start)) / (end - start);
    }

    function _orDefault(uint64 date, uint64 fallbackDate) private pure returns (uint64) {
        return date == 0 ? fallbackDate : date;
    }
}
