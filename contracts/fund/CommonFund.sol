// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {SubFunds} from "./SubFunds.sol";

/// @title SPIN's common fund
/// @notice Holds SPIN coin in named sub-funds. Anyone the registry allows may pay in; only
/// governance (the timelock, holder of `DEFAULT_ADMIN_ROLE`) pays out, by grant or by stream,
/// within each sub-fund's lock and cap (see SubFunds). A stream whose recipient can no longer
/// claim returns to its sub-fund by governance decision: at once when the recipient was expelled,
/// else `UNCLAIMED_PERIOD` after anyone marked it unclaimable (see docs/governance.md).
/// @dev Accounting invariant, kept by every function:
///   coin.balanceOf(this) == accounted() + unassigned()   with unassigned() >= 0, where
///   accounted() == sum of sub-fund balances + sum over streams of (amount - claimed).
/// Coin reaches the fund either through `deposit` (accounted at once) or by a plain transfer
/// (unassigned surplus until `credit` assigns it). With no stray transfer, the fund's coin balance
/// equals the sum of sub-fund balances plus unclaimed stream amounts exactly.
contract CommonFund is SubFunds, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice SPIN contracts that send coin to the fund and then `credit` it (licensing, the coin).
    bytes32 public constant CREDITOR_ROLE = keccak256("CREDITOR_ROLE");
    /// @notice How long a stream must stay unclaimable after being marked so before governance
    /// may sweep it back (an expelled recipient's at once).
    uint64 public constant UNCLAIMED_PERIOD = 180 days;

    /// @notice The SPIN coin this fund holds.
    IERC20 public immutable coin;
    /// @notice Who may pay in and receive grants.
    ICommonsRegistry public immutable registry;

    /// @dev A stream marked unclaimable at `markedAt`, when `claimed` had been claimed: a claim
    /// since then voids the mark.
    struct Mark {
        uint64 markedAt;
        uint128 claimed;
    }

    Stream[] private _streams;
    mapping(uint256 streamId => Mark) private _marks;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE` (the deployer, then the timelock).
    /// @param coin_ The SPIN coin.
    /// @param registry_ The commons registry.
    /// @param lockDates Lock dates of Global South, Commons and Technology Infrastructure
    /// (unix seconds); 0 means one year after deployment.
    /// @param capsBps Cap per transaction of the four sub-funds, in basis points of balance.
    constructor(
        address admin,
        IERC20 coin_,
        ICommonsRegistry registry_,
        uint64[3] memory lockDates,
        uint16[4] memory capsBps
    ) SubFunds(lockDates, capsBps) {
        coin = coin_;
        registry = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
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
        try
            IERC20Permit(address(coin)).permit(msg.sender, address(this), amount, deadline, v, r, s)
        {} catch {}
        deposit(subFund_, amount);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: a holder of CREDITOR_ROLE (SPIN contracts) or governance (to assign stray
    /// transfers). Emits {Deposited} with the caller as counterparty. Fails with
    /// CommonFundNotCreditor, CommonFundUnknownSubFund, CommonFundZeroAmount or
    /// CommonFundInsufficientSurplus.
    function credit(uint256 subFund_, uint256 amount, string calldata memo) external {
        _requireCreditor();
        uint256 surplus = unassigned();
        if (amount > surplus) revert CommonFundInsufficientSurplus(surplus, amount);
        _assign(subFund_, msg.sender, amount, memo);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: as `credit`. Emits {Deposited} per sub-fund that receives coin. Fails with
    /// CommonFundNotCreditor, CommonFundUnknownSubFund (more shares than sub-funds),
    /// CommonFundSplitNotWhole or CommonFundZeroAmount (nothing unassigned).
    function creditSplit(uint16[] calldata sharesBps, string calldata memo) external {
        _requireCreditor();
        uint256 count = sharesBps.length;
        if (count > _subFunds.length) revert CommonFundUnknownSubFund(count - 1);
        uint256 total;
        for (uint256 i; i < count; ++i) total += sharesBps[i];
        if (total != BPS) revert CommonFundSplitNotWhole(total);
        uint256 amount = unassigned();
        if (amount == 0) revert CommonFundZeroAmount();
        uint256 rest = amount;
        for (uint256 i = 1; i < count; ++i) {
            uint256 part = (amount * sharesBps[i]) / BPS;
            if (part != 0) {
                rest -= part;
                _assign(i, msg.sender, part, memo);
            }
        }
        if (rest != 0) _assign(POOLED, msg.sender, rest, memo);
    }

    // ---------------------------------------------------------------- out

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. Emits {Granted}. Fails with CommonFundUnknownSubFund,
    /// CommonFundNotAllowed (recipient), CommonFundZeroAmount, CommonFundLocked or CommonFundOverCap
    /// (more than the cap left for this transaction).
    function grant(
        uint256 subFund_,
        address recipient,
        uint256 amount,
        string calldata memo
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        _debit(subFund_, amount);
        if (!registry.isAllowed(recipient)) revert CommonFundNotAllowed(recipient);
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
        _debit(subFund_, amount);
        if (!registry.isAllowed(recipient)) revert CommonFundNotAllowed(recipient);
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
        _subFunds[s.subFund].balance += uint128(rest);
        emit StreamCancelled(streamId, s.subFund, s.recipient, rest, vested, s.memo);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: any account the registry allows. Emits {StreamUnclaimable}. Fails with
    /// CommonFundNotAllowed (caller), CommonFundUnknownStream, CommonFundRecipientAllowed (the
    /// recipient can claim), CommonFundNothingToSweep, or CommonFundSweepTooEarly when a mark
    /// already runs (marking again would only postpone the sweep).
    function markStreamUnclaimable(uint256 streamId) external {
        if (!registry.isAllowed(msg.sender)) revert CommonFundNotAllowed(msg.sender);
        Stream storage s = _stream(streamId);
        address recipient = s.recipient;
        if (registry.isAllowed(recipient)) revert CommonFundRecipientAllowed(streamId, recipient);
        uint128 claimed = s.claimed;
        if (s.amount == claimed) revert CommonFundNothingToSweep(streamId);
        uint64 running = _sweepableAt(streamId, claimed);
        if (running != 0) revert CommonFundSweepTooEarly(streamId, running);
        _marks[streamId] = Mark(uint64(block.timestamp), claimed);
        emit StreamUnclaimable(streamId, recipient, uint64(block.timestamp) + UNCLAIMED_PERIOD);
    }

    /// @inheritdoc ICommonFund
    /// @dev Caller: governance. The whole unclaimed rest (vested or not) returns to the stream's
    /// sub-fund and the stream ends: its `amount` becomes what was claimed. Emits {StreamSwept}.
    /// Fails with CommonFundUnknownStream, CommonFundRecipientAllowed, CommonFundNothingToSweep or
    /// CommonFundSweepTooEarly (a recipient not expelled, and no mark `UNCLAIMED_PERIOD` old).
    function sweepStream(uint256 streamId, string calldata memo) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Stream storage s = _stream(streamId);
        address recipient = s.recipient;
        if (registry.isAllowed(recipient)) revert CommonFundRecipientAllowed(streamId, recipient);
        uint128 claimed = s.claimed;
        uint256 rest = s.amount - claimed;
        if (rest == 0) revert CommonFundNothingToSweep(streamId);
        if (registry.statusOf(recipient) != ICommonsRegistry.Status.Expelled) {
            uint64 sweepableAt = _sweepableAt(streamId, claimed);
            if (sweepableAt == 0 || block.timestamp < sweepableAt) {
                revert CommonFundSweepTooEarly(streamId, sweepableAt);
            }
        }
        delete _marks[streamId];
        s.amount = claimed;
        s.cancelled = true;
        if (block.timestamp < s.end) s.end = uint48(block.timestamp);
        _subFunds[s.subFund].balance += uint128(rest);
        emit StreamSwept(streamId, s.subFund, recipient, rest, memo);
    }

    // ---------------------------------------------------------------- views

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
    function unclaimableMark(uint256 streamId) external view returns (uint64 markedAt, uint64 sweepableAt) {
        sweepableAt = _sweepableAt(streamId, _stream(streamId).claimed);
        if (sweepableAt != 0) markedAt = sweepableAt - UNCLAIMED_PERIOD;
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

    function _requireCreditor() private view {
        if (!hasRole(CREDITOR_ROLE, msg.sender) && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert CommonFundNotCreditor(msg.sender);
        }
    }

    /// @dev When a stream's running mark lets governance sweep it, or 0 when it has no mark or its
    /// recipient claimed since the mark.
    function _sweepableAt(uint256 streamId, uint128 claimed) private view returns (uint64) {
        Mark storage mark = _marks[streamId];
        uint64 markedAt = mark.markedAt;
        if (markedAt == 0 || mark.claimed != claimed) return 0;
        return markedAt + UNCLAIMED_PERIOD;
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
}
