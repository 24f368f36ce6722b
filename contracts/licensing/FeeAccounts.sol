// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";
import {ILicensing} from "../interfaces/ILicensing.sol";
import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";
import {FeeSplit} from "../libraries/FeeSplit.sol";

/// @title Where licence fees go: contributors' balances, upstream pots and the fund's shares
/// @notice Every coin licensing holds is owed to someone and has a way out:
/// - a contributor's balance: claimed by the contributor whenever the registry allows it and its
///   work is not suspended; otherwise, once marked unclaimable for `UNCLAIMED_PERIOD` (at once if
///   the contributor was expelled), swept by governance to the fund;
/// - a work's upstream pot: settled to its parents (and rounding to the fund) by anyone allowed;
/// - the fund's shares, and coin sent here by mistake: flushed to the common fund by anyone allowed.
/// Accounting invariant: coin.balanceOf(this) == `owed()` + coin sent here by mistake, where
/// `owed()` == sum of claimable balances + sum of upstream pots + fund shares not yet flushed.
abstract contract FeeAccounts is ILicensing, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant SUB_FUND_COUNT = 4;
    /// @notice Where rounding dust of upstream settlements and swept balances go: the Pooled
    /// sub-fund. A purchase's dust goes to its template's first sub-fund (`fundA`, Pooled unless
    /// set), so that it touches no extra storage slot.
    uint256 public constant DUST_SUB_FUND = 0;
    /// @notice How long a balance must stay unclaimable after being marked so before governance
    /// may sweep it (an expelled contributor's at once).
    uint64 public constant UNCLAIMED_PERIOD = 180 days;
    string private constant FUND_MEMO = "licence fees";

    /// @dev One slot per work. `perBps` grows by (contributors' part / 10,000) on each income;
    /// a contributor with `share` bps is owed share * (perBps - paid checkpoint).
    struct Pot {
        uint128 perBps;
        uint128 upstreamPending;
    }

    /// @dev A balance marked unclaimable at `markedAt`, when the contributor's checkpoint was
    /// `paid`: a claim since then moves the checkpoint and so voids the mark.
    struct Mark {
        uint64 markedAt;
        uint128 paid;
    }

    ICommonsRegistry public immutable commons;
    IWorksRegistry public immutable works;
    ILicenceTemplates public immutable templates;
    IERC20 public immutable coin;
    ICommonFund public immutable fund;

    /// @dev Two counters in one word, which every purchase writes once: the number of licence
    /// records (low 64 bits) and what licensing owes (see `owed()`; the bits above), which goes
    /// up by every price paid and down by every payment out.
    uint256 private _books;
    uint128[4] internal _fundPending;
    mapping(uint256 workId => Pot) private _pots;
    mapping(uint256 workId => mapping(address contributor => uint128 perBps)) private _paid;
    mapping(uint256 workId => mapping(address contributor => Mark)) private _marks;

    constructor(
        ICommonsRegistry commons_,
        IWorksRegistry works_,
        ILicenceTemplates templates_,
        IERC20 coin_,
        ICommonFund fund_
    ) {
        commons = commons_;
        works = works_;
        templates = templates_;
        coin = coin_;
        fund = fund_;
    }

    // ---------------------------------------------------------------- money out

    /// @inheritdoc ILicensing
    function settleUpstream(uint256 workId) external {
        _requireAllowed(msg.sender);
        Pot storage pot = _pots[workId];
        uint256 pending = pot.upstreamPending;
        uint256[] memory parents = works.parentsOf(workId);
        uint256 count = parents.length;
        if (count == 0 || pending == 0) revert LicensingNothingToSettle(workId);
        uint256 perParent = pending / count;
        uint256 remainder = pending - perParent * count;
        pot.upstreamPending = 0;
        uint256 toFund = remainder;
        if (perParent != 0) {
            for (uint256 i; i < count; ++i) toFund += _receiveFromChild(parents[i], workId, perParent);
        }
        _fundPending[DUST_SUB_FUND] += uint128(toFund);
        emit UpstreamSettled(workId, perParent, count, remainder);
    }

    /// @inheritdoc ILicensing
    function claim(uint256 workId) external nonReentrant returns (uint256 amount) {
        if (works.workOf(workId).suspended) revert LicensingWorkSuspended(workId);
        uint128 perBps = _pots[workId].perBps;
        amount = uint256(works.shareOf(workId, msg.sender)) * (perBps - _paid[workId][msg.sender]);
        if (amount == 0) revert LicensingNothingToClaim(workId, msg.sender);
        _paid[workId][msg.sender] = perBps;
        _books -= amount << 64;
        coin.safeTransfer(msg.sender, amount);
        emit Claimed(workId, msg.sender, amount);
    }

    /// @inheritdoc ILicensing
    function flushFund() external nonReentrant {
        _requireAllowed(msg.sender);
        uint128[4] memory amounts = _fundPending;
        uint256 owedToFund;
        uint256[4] memory flushed;
        for (uint256 i; i < SUB_FUND_COUNT; ++i) {
            owedToFund += amounts[i];
            flushed[i] = amounts[i];
        }
        uint256 stray = coin.balanceOf(address(this)) - (_books >> 64);
        flushed[DUST_SUB_FUND] += stray;
        uint256 total = owedToFund + stray;
        if (total == 0) revert LicensingNothingToFlush();
        delete _fundPending;
        _books -= owedToFund << 64;
        coin.safeTransfer(address(fund), total);
        for (uint256 i; i < SUB_FUND_COUNT; ++i) {
            if (flushed[i] != 0) fund.credit(i, flushed[i], FUND_MEMO);
        }
        emit FundFlushed(flushed);
    }

    /// @inheritdoc ILicensing
    function markUnclaimable(uint256 workId, address contributor) external {
        _requireAllowed(msg.sender);
        uint256 amount = _claimable(workId, contributor);
        if (amount == 0) revert LicensingNothingToSweep(workId, contributor);
        if (_canClaim(workId, contributor)) revert LicensingClaimableNow(workId, contributor);
        uint128 paid = _paid[workId][contributor];
        uint64 running = _sweepableAt(workId, contributor, paid);
        if (running != 0) revert LicensingSweepTooEarly(workId, contributor, running);
        _marks[workId][contributor] = Mark(uint64(block.timestamp), paid);
        emit UnclaimableMarked(workId, contributor, amount, uint64(block.timestamp) + UNCLAIMED_PERIOD);
    }

    /// @inheritdoc ILicensing
    function sweepUnclaimed(
        uint256 workId,
        address contributor,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 amount = _claimable(workId, contributor);
        if (amount == 0) revert LicensingNothingToSweep(workId, contributor);
        if (_canClaim(workId, contributor)) revert LicensingClaimableNow(workId, contributor);
        if (commons.statusOf(contributor) != ICommonsRegistry.Status.Expelled) {
            uint64 sweepableAt = _sweepableAt(workId, contributor, _paid[workId][contributor]);
            if (sweepableAt == 0 || block.timestamp < sweepableAt) {
                revert LicensingSweepTooEarly(workId, contributor, sweepableAt);
            }
        }
        delete _marks[workId][contributor];
        _paid[workId][contributor] = _pots[workId].perBps;
        _fundPending[DUST_SUB_FUND] += uint128(amount);
        emit UnclaimedSwept(workId, contributor, amount, reason);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILicensing
    function claimable(uint256 workId, address contributor) external view returns (uint256) {
        return _claimable(workId, contributor);
    }

    /// @inheritdoc ILicensing
    function potOf(uint256 workId) external view returns (uint128 perBps, uint128 upstreamPending) {
        Pot memory pot = _pots[workId];
        return (pot.perBps, pot.upstreamPending);
    }

    /// @inheritdoc ILicensing
    function fundPending() external view returns (uint128[4] memory) {
        return _fundPending;
    }

    /// @inheritdoc ILicensing
    function owed() external view returns (uint256) {
        return _books >> 64;
    }

    /// @inheritdoc ILicensing
    function unclaimableMark(
        uint256 workId,
        address contributor
    ) external view returns (uint64 markedAt, uint64 sweepableAt) {
        sweepableAt = _sweepableAt(workId, contributor, _paid[workId][contributor]);
        if (sweepableAt != 0) markedAt = sweepableAt - UNCLAIMED_PERIOD;
    }

    // ---------------------------------------------------------------- internals

    function _requireAllowed(address account) internal view {
        if (!commons.isAllowed(account)) revert LicensingNotParticipant(account);
    }

    /// @dev The next licence record's id, counting `price` as owed from now on.
    function _nextRecord(uint256 price) internal returns (uint64) {
        uint256 books = _books + 1 + (price << 64);
        _books = books;
        return uint64(books);
    }

    /// @dev Credits a work's income: `perBps` to its contributors, `toUpstream` to its pot.
    function _accrue(uint256 workId, uint256 perBps, uint256 toUpstream) internal {
        Pot storage pot = _pots[workId];
        pot.perBps += uint128(perBps);
        pot.upstreamPending += uint128(toUpstream);
    }

    function _claimable(uint256 workId, address contributor) private view returns (uint256) {
        return
            uint256(works.shareOf(workId, contributor)) * (_pots[workId].perBps - _paid[workId][contributor]);
    }

    /// @dev Whether a `claim` by the contributor would pay it now.
    function _canClaim(uint256 workId, address contributor) private view returns (bool) {
        return commons.isAllowed(contributor) && !works.workOf(workId).suspended;
    }

    /// @dev When a running mark lets governance sweep the balance, or 0 when there is no mark or
    /// the contributor claimed since it was made.
    function _sweepableAt(uint256 workId, address contributor, uint128 paid) private view returns (uint64) {
        Mark storage mark = _marks[workId][contributor];
        uint64 markedAt = mark.markedAt;
        if (markedAt == 0 || mark.paid != paid) return 0;
        return markedAt + UNCLAIMED_PERIOD;
    }

    /// @dev A parent's income from a child: split by the parent's own contributors:upstream
    /// ratio; returns the rounding dust, which goes to the fund.
    function _receiveFromChild(
        uint256 parentId,
        uint256 childId,
        uint256 amount
    ) private returns (uint256 dust) {
        IWorksRegistry.Work memory parent = works.workOf(parentId);
        ILicenceTemplates.Terms memory terms = templates.termsOf(parent.licenceId);
        FeeSplit.Parts memory parts = FeeSplit.ofIncome(amount, terms, parent.parentCount != 0);
        _accrue(parentId, parts.perBps, parts.toUpstream);
        emit UpstreamReceived(parentId, childId, parts.perBps * FeeSplit.WHOLE, parts.toUpstream, parts.dust);
        return parts.dust;
    }
}
