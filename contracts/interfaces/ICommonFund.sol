// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The common fund: named sub-funds of SPIN coin spent only by timelocked governance
/// @notice Other SPIN contracts only call `credit`. Everything else is for the dApp, the indexer and
/// governance tools: an event for every movement, an error for every refusal, and the functions a
/// proposal calls (they decode from the proposal's calldata with this ABI).
interface ICommonFund {
    /// @notice One sub-fund. `balance` is spendable or locked coin; `lockedUntil` is the first
    /// second at which it can be spent; `capBps` is the cap in force now: the most that one
    /// transaction (so one proposal's execution, however many calls it makes) may pay out of the
    /// sub-fund, in basis points of its balance at that transaction's first payment.
    struct SubFund {
        uint128 balance;
        uint64 lockedUntil;
        uint16 capBps;
        string name;
    }

    /// @notice Coin vesting linearly from `start` to `end` to `recipient`, out of `subFund`.
    /// The whole `amount` left the sub-fund's balance at creation; `claimed` has been paid.
    struct Stream {
        address recipient;
        uint48 start;
        uint48 end;
        uint128 amount;
        uint128 claimed;
        uint32 subFund;
        bool cancelled;
        string memo;
    }

    /// @notice A sub-fund was created (at deployment or by governance).
    event SubFundAdded(uint256 indexed subFund, string name, uint64 lockedUntil, uint16 capBps);
    /// @notice Governance pushed a sub-fund's lock date later.
    event SubFundLockExtended(uint256 indexed subFund, uint64 oldLockedUntil, uint64 newLockedUntil);
    /// @notice Governance set a sub-fund's cap at or below the one in force: the new cap is in
    /// force at once, and any pending raise of the sub-fund is dropped.
    event SubFundCapSet(uint256 indexed subFund, uint16 oldCapBps, uint16 newCapBps);
    /// @notice Governance raised a sub-fund's cap from `oldCapBps` to `newCapBps`; the new cap is
    /// in force from `effectiveAt` (`CAP_RAISE_DELAY` later), never in the execution that raised it.
    event SubFundCapRaiseScheduled(
        uint256 indexed subFund,
        uint16 oldCapBps,
        uint16 newCapBps,
        uint64 effectiveAt
    );

    /// @notice Coin came into `subFund` from `from`: a deposit (transferred by `from`) or a credit
    /// (coin already at the fund, assigned by the SPIN contract `from`).
    event Deposited(uint256 indexed subFund, address indexed from, uint256 amount, string memo);
    /// @notice A one-off grant paid `amount` out of `subFund` to `recipient`.
    event Granted(uint256 indexed subFund, address indexed recipient, uint256 amount, string memo);
    /// @notice A stream committed `amount` out of `subFund` to `recipient`, vesting from `start` to `end`.
    event StreamCreated(
        uint256 indexed streamId,
        uint256 indexed subFund,
        address indexed recipient,
        uint256 amount,
        uint48 start,
        uint48 end,
        string memo
    );
    /// @notice Someone recorded that the recipient of `streamId` cannot claim it now (suspended):
    /// unless it claims first, governance may sweep the stream back from `sweepableAt`.
    event StreamUnclaimable(uint256 indexed streamId, address indexed recipient, uint64 sweepableAt);
    /// @notice Governance swept what `recipient` could not claim from `streamId` (vested or not)
    /// back into `subFund`; the stream is closed.
    event StreamSwept(
        uint256 indexed streamId,
        uint256 indexed subFund,
        address indexed recipient,
        uint256 amount,
        string memo
    );
    /// @notice `recipient` claimed `amount` of vested coin from a stream.
    event StreamClaimed(
        uint256 indexed streamId,
        uint256 indexed subFund,
        address indexed recipient,
        uint256 amount,
        string memo
    );
    /// @notice Governance cancelled a stream: `returned` went back to `subFund`, `vested` stays
    /// claimable by the recipient.
    event StreamCancelled(
        uint256 indexed streamId,
        uint256 indexed subFund,
        address indexed recipient,
        uint256 returned,
        uint256 vested,
        string memo
    );

    /// @notice No sub-fund has this id.
    error CommonFundUnknownSubFund(uint256 subFund);
    /// @notice The sub-fund cannot be spent before `lockedUntil`.
    error CommonFundLocked(uint256 subFund, uint64 lockedUntil);
    /// @notice `amount` exceeds what the sub-fund may still pay in this transaction: `available`
    /// is the cap in force at the transaction's first payment out of it (a share of its balance
    /// then) minus what the transaction already paid out of it.
    error CommonFundOverCap(uint256 subFund, uint256 amount, uint256 available);
    /// @notice The fund holds only `unassigned` coin that belongs to no sub-fund.
    error CommonFundInsufficientSurplus(uint256 unassigned, uint256 amount);
    /// @notice The registry does not allow `account` to hold coin or act.
    error CommonFundNotAllowed(address account);
    /// @notice Zero amounts move nothing and are refused.
    error CommonFundZeroAmount();
    /// @notice A lock date may only move later.
    error CommonFundLockShortened(uint256 subFund, uint64 lockedUntil, uint64 requested);
    /// @notice Caps are basis points: at most 10,000.
    error CommonFundInvalidCap(uint16 capBps);
    /// @notice The fund holds at most `MAX_SUB_FUNDS` sub-funds.
    error CommonFundTooManySubFunds(uint256 max);
    /// @notice A stream must end after it starts.
    error CommonFundInvalidSchedule(uint48 start, uint48 end);
    /// @notice No stream has this id.
    error CommonFundUnknownStream(uint256 streamId);
    /// @notice Only the stream's recipient may claim it.
    error CommonFundNotRecipient(uint256 streamId, address caller);
    /// @notice Nothing has vested beyond what was claimed.
    error CommonFundNothingToClaim(uint256 streamId);
    /// @notice The stream was already cancelled.
    error CommonFundStreamCancelled(uint256 streamId);
    /// @notice The caller may neither credit surplus (no CREDITOR_ROLE) nor govern.
    error CommonFundNotCreditor(address caller);
    /// @notice The shares of a split must sum to 10,000 basis points.
    error CommonFundSplitNotWhole(uint256 totalBps);
    /// @notice The stream's recipient may claim it now: there is nothing to sweep.
    error CommonFundRecipientAllowed(uint256 streamId, address recipient);
    /// @notice Nothing of the stream is left unclaimed.
    error CommonFundNothingToSweep(uint256 streamId);
    /// @notice The stream may be swept only from `sweepableAt` (0: nobody marked it unclaimable
    /// since the recipient last claimed).
    error CommonFundSweepTooEarly(uint256 streamId, uint64 sweepableAt);

    /// @notice Assigns coin that has already arrived at the fund but belongs to no sub-fund yet
    /// to `subFund`. SPIN contracts transfer coin to the fund and call this in the same
    /// transaction (licence fees, the coin's initial allocation).
    /// @dev Reverts unless the fund holds at least `amount` of unassigned coin.
    function credit(uint256 subFund, uint256 amount, string calldata memo) external;

    /// @notice Assigns all the coin the fund holds unassigned to the first sub-funds, in basis
    /// points (`sharesBps[i]` to sub-fund `i`, rounding dust to Pooled). The deployment splits the
    /// coin's initial allocation with it. Creditors and governance only.
    function creditSplit(uint16[] calldata sharesBps, string calldata memo) external;

    /// @notice Moves `amount` of the caller's coin into `subFund`.
    function deposit(uint256 subFund, uint256 amount) external;

    /// @notice `deposit` after an EIP-2612 permit, in one transaction.
    function depositWithPermit(
        uint256 subFund,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays `amount` out of `subFund` to `recipient`. Governance only.
    function grant(uint256 subFund, address recipient, uint256 amount, string calldata memo) external;

    /// @notice Commits `amount` out of `subFund` to vest to `recipient` from `start` to `end`.
    /// Governance only.
    function createStream(
        uint256 subFund,
        address recipient,
        uint256 amount,
        uint48 start,
        uint48 end,
        string calldata memo
    ) external returns (uint256 streamId);

    /// @notice Pays the caller what has vested on `streamId` and is not claimed yet.
    function claim(uint256 streamId) external returns (uint256 amount);

    /// @notice Stops `streamId`: the unvested rest returns to its sub-fund. Governance only.
    function cancelStream(uint256 streamId) external;

    /// @notice Records that the recipient of `streamId` cannot claim now (the registry does not
    /// allow it), which starts `UNCLAIMED_PERIOD`. Any allowed account.
    function markStreamUnclaimable(uint256 streamId) external;

    /// @notice Returns what is left of `streamId` (vested or not) to its sub-fund, when its
    /// recipient cannot claim: at once if expelled, else `UNCLAIMED_PERIOD` after a mark made
    /// since its last claim. Governance only.
    function sweepStream(uint256 streamId, string calldata memo) external;

    /// @notice Adds a sub-fund. Governance only.
    function addSubFund(
        string calldata name,
        uint64 lockedUntil,
        uint16 capBps
    ) external returns (uint256 subFund);

    /// @notice Moves a sub-fund's lock date later; a lock never moves earlier. Governance only.
    function extendLock(uint256 subFund, uint64 lockedUntil) external;

    /// @notice Sets a sub-fund's cap per transaction, in basis points. A lower (or equal) cap is
    /// in force at once; a higher one only `CAP_RAISE_DELAY` later. Governance only.
    function setCap(uint256 subFund, uint16 capBps) external;

    /// @notice A raise of the sub-fund's cap that is not in force yet: the new cap and when it
    /// will be; (0, 0) when none is pending.
    function pendingCapRaise(uint256 subFund) external view returns (uint16 capBps, uint64 effectiveAt);

    /// @notice When the stream was marked unclaimable and from when it may be swept; (0, 0) when
    /// unmarked or when its recipient claimed since.
    function unclaimableMark(uint256 streamId) external view returns (uint64 markedAt, uint64 sweepableAt);

    /// @notice The sub-fund `subFund`.
    function subFund(uint256 subFund) external view returns (SubFund memory);

    /// @notice How many sub-funds exist (ids are 0 .. count-1).
    function subFundCount() external view returns (uint256);

    /// @notice The stream `streamId`.
    function stream(uint256 streamId) external view returns (Stream memory);

    /// @notice How many streams were ever created (ids are 0 .. count-1).
    function streamCount() external view returns (uint256);

    /// @notice What the recipient of `streamId` could claim now.
    function claimable(uint256 streamId) external view returns (uint256);

    /// @notice Sub-fund balances plus coin committed to streams and not yet claimed.
    function accounted() external view returns (uint256);

    /// @notice Coin held by the fund that belongs to no sub-fund yet (stray transfers, or coin
    /// sent by a SPIN contract before its `credit`).
    function unassigned() external view returns (uint256);
}
