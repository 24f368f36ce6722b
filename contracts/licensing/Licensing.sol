// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";
import {ILicensing} from "../interfaces/ILicensing.sol";
import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";
import {FeeSplit} from "../libraries/FeeSplit.sol";

/// @title Licensing
/// @notice See ILicensing. Money accounting, which the invariant tests check:
/// coin held == sum over works of (unclaimed contributor balances + unsettled upstream pot)
///            + fund shares not yet flushed.
contract Licensing is ILicensing, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant SUB_FUND_COUNT = 4;
    /// @notice Where rounding dust of upstream settlements goes: the Pooled sub-fund. A
    /// purchase's dust goes to its template's first sub-fund (`fundA`, Pooled unless set), so
    /// that it touches no extra storage slot.
    uint256 public constant DUST_SUB_FUND = 0;
    string private constant FUND_MEMO = "licence fees";

    /// @dev One slot per work. `perBps` grows by (contributors' part / 10,000) on each income;
    /// a contributor with `share` bps is owed share * (perBps - paid checkpoint).
    struct Pot {
        uint128 perBps;
        uint128 upstreamPending;
    }

    ICommonsRegistry public immutable commons;
    IWorksRegistry public immutable works;
    ILicenceTemplates public immutable templates;
    IERC20 public immutable coin;
    ICommonFund public immutable fund;

    uint64 private _recordCount;
    uint128[4] private _fundPending;
    mapping(uint64 recordId => Record) private _records;
    mapping(uint256 workId => mapping(address account => uint64 recordId)) private _latest;
    mapping(uint256 workId => Pot) private _pots;
    mapping(uint256 workId => mapping(address contributor => uint128 perBps)) private _paid;
    mapping(uint256 workId => uint96) private _workPrice;

    constructor(
        address admin,
        ICommonsRegistry commons_,
        IWorksRegistry works_,
        ILicenceTemplates templates_,
        IERC20 coin_,
        ICommonFund fund_
    ) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        commons = commons_;
        works = works_;
        templates = templates_;
        coin = coin_;
        fund = fund_;
    }

    // ---------------------------------------------------------------- licences

    /// @inheritdoc ILicensing
    function purchase(
        uint256 workId,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint64 recordId) {
        // No reentrancy guard: the only external calls go to SPIN's own registries and coin,
        // fixed at construction, after every state change.
        IWorksRegistry.Work memory work = _licensableWork(workId);
        ILicenceTemplates.Terms memory terms = templates.termsOf(work.licenceId);
        if (terms.commercialUse == ILicenceTemplates.CommercialUse.Forbidden) {
            revert LicensingCommercialUseForbidden(workId, work.licenceId);
        }
        if (terms.commercialUse == ILicenceTemplates.CommercialUse.Free) {
            revert LicensingNotForSale(workId, work.licenceId);
        }
        // Whether the buyer is still allowed is checked once, by the coin, when it pays: a
        // paying template's price is never zero, so every purchase moves coin.
        if (commons.kindOf(msg.sender) != ICommonsRegistry.Kind.Enterprise) {
            revert LicensingNotEnterprise(msg.sender);
        }
        uint256 price = _price(workId, terms);
        if (price > maxPrice) revert LicensingPriceAboveMax(price, maxPrice);

        uint40 start = _runningExpiry(workId, msg.sender);
        if (start < block.timestamp) start = uint40(block.timestamp);
        uint40 expiry = start + terms.term;
        recordId = _newRecord(workId, msg.sender, uint96(price), work.versionCount, start, expiry, false);
        FeeSplit.Parts memory parts = FeeSplit.ofPurchase(price, terms, work.parentCount != 0);
        _accrue(workId, parts.perBps, parts.toUpstream);
        _fundPending[terms.fundA] += uint128(parts.toFundA + parts.dust);
        _fundPending[terms.fundB] += uint128(parts.toFundB);

        // A permit front-run by someone else still leaves the allowance: then pay with it.
        try IERC20Permit(address(coin)).permit(msg.sender, address(this), price, deadline, v, r, s) {} catch {}
        coin.safeTransferFrom(msg.sender, address(this), price);
        emit LicencePurchased(
            recordId,
            workId,
            msg.sender,
            work.licenceId,
            work.versionCount,
            start,
            expiry,
            price,
            parts.perBps * FeeSplit.WHOLE,
            parts.toUpstream,
            parts.toFundA + parts.toFundB + parts.dust
        );
    }

    /// @inheritdoc ILicensing
    function recordCommonsUse(uint256 workId) external returns (uint64 recordId) {
        IWorksRegistry.Work memory work = _licensableWork(workId);
        ILicenceTemplates.CommercialUse use = templates.termsOf(work.licenceId).commercialUse;
        if (use == ILicenceTemplates.CommercialUse.Forbidden) {
            revert LicensingCommercialUseForbidden(workId, work.licenceId);
        }
        ICommonsRegistry.Kind kind = commons.kindOf(msg.sender);
        if (kind == ICommonsRegistry.Kind.None || !commons.isAllowed(msg.sender)) {
            revert LicensingNotParticipant(msg.sender);
        }
        if (use == ILicenceTemplates.CommercialUse.CommonsFree && kind == ICommonsRegistry.Kind.Enterprise) {
            revert LicensingNotCommons(msg.sender);
        }
        uint40 now_ = uint40(block.timestamp);
        recordId = _newRecord(workId, msg.sender, 0, work.versionCount, now_, type(uint40).max, true);
        emit CommonsUseRecorded(recordId, workId, msg.sender, work.licenceId, work.versionCount);
    }

    /// @inheritdoc ILicensing
    function setWorkPrice(uint256 workId, uint96 price) external {
        IWorksRegistry.Work memory work = _knownWork(workId);
        if (!works.isSteward(workId, msg.sender)) revert LicensingNotSteward(workId, msg.sender);
        _requireAllowed(msg.sender);
        ILicenceTemplates.FeeBounds memory bounds = templates.feeBoundsOf(work.licenceId);
        if (price != 0 && (price < bounds.minFee || price > bounds.maxFee)) {
            revert LicensingPriceOutOfBounds(price, bounds.minFee, bounds.maxFee);
        }
        _workPrice[workId] = price;
        emit WorkPriceSet(workId, price == 0 ? templates.termsOf(work.licenceId).fee : price, msg.sender);
    }

    /// @inheritdoc ILicensing
    function revoke(uint64 recordId, string calldata reason) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Record storage record = _knownRecord(recordId);
        if (record.revoked) revert LicensingAlreadyRevoked(recordId);
        record.revoked = true;
        emit LicenceRevoked(recordId, record.workId, record.licensee, reason);
    }

    // ---------------------------------------------------------------- money

    /// @inheritdoc ILicensing
    function settleUpstream(uint256 workId) external {
        _requireAllowed(msg.sender);
        Pot storage pot = _pots[workId];
        uint256 pending = pot.upstreamPending;
        uint256[] memory parents = works.parentsOf(workId);
        uint256 count = parents.length;
        if (count == 0 || pending < count) revert LicensingNothingToSettle(workId);
        uint256 perParent = pending / count;
        uint256 kept = pending - perParent * count;
        pot.upstreamPending = uint128(kept);
        uint256 dust;
        for (uint256 i; i < count; ++i) {
            dust += _receiveFromChild(parents[i], workId, perParent);
        }
        _fundPending[DUST_SUB_FUND] += uint128(dust);
        emit UpstreamSettled(workId, perParent, count, kept);
    }

    /// @inheritdoc ILicensing
    function claim(uint256 workId) external nonReentrant returns (uint256 amount) {
        if (works.workOf(workId).suspended) revert LicensingWorkSuspended(workId);
        uint128 perBps = _pots[workId].perBps;
        amount = uint256(works.shareOf(workId, msg.sender)) * (perBps - _paid[workId][msg.sender]);
        if (amount == 0) revert LicensingNothingToClaim(workId, msg.sender);
        _paid[workId][msg.sender] = perBps;
        coin.safeTransfer(msg.sender, amount);
        emit Claimed(workId, msg.sender, amount);
    }

    /// @inheritdoc ILicensing
    function flushFund() external nonReentrant {
        _requireAllowed(msg.sender);
        uint128[4] memory amounts = _fundPending;
        uint256 total;
        uint256[4] memory flushed;
        for (uint256 i; i < SUB_FUND_COUNT; ++i) {
            total += amounts[i];
            flushed[i] = amounts[i];
        }
        if (total == 0) revert LicensingNothingToFlush();
        delete _fundPending;
        coin.safeTransfer(address(fund), total);
        for (uint256 i; i < SUB_FUND_COUNT; ++i) {
            if (flushed[i] != 0) fund.credit(i, flushed[i], FUND_MEMO);
        }
        emit FundFlushed(flushed);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILicensing
    function licenceStatus(uint256 workId, address account) public view returns (Status memory status) {
        IWorksRegistry.Work memory work = works.workOf(workId);
        if (work.versionCount == 0) return status; // UnknownWork
        status.licenceId = work.licenceId;
        if (work.suspended) {
            status.reason = Reason.SuspendedWork;
            return status;
        }
        ICommonsRegistry.Kind kind = commons.kindOf(account);
        if (kind == ICommonsRegistry.Kind.None || !commons.isAllowed(account)) {
            status.reason = Reason.NotMember;
            return status;
        }
        ILicenceTemplates.CommercialUse use = templates.termsOf(work.licenceId).commercialUse;
        if (use == ILicenceTemplates.CommercialUse.Forbidden) {
            status.reason = Reason.Forbidden;
            return status;
        }
        uint64 recordId = _latest[workId][account];
        status.recordId = recordId;
        Record storage record = _records[recordId];
        if (record.revoked) {
            status.reason = Reason.Revoked;
            status.validUntil = record.expiry;
            return status;
        }
        if (use == ILicenceTemplates.CommercialUse.Free || kind != ICommonsRegistry.Kind.Enterprise) {
            status.allowed = true;
            status.reason = use == ILicenceTemplates.CommercialUse.Free ? Reason.OpenLicence : Reason.CommonsUse;
            return status;
        }
        if (recordId == 0) {
            status.reason = Reason.NoLicence;
            return status;
        }
        status.validUntil = record.expiry;
        if (block.timestamp >= record.expiry) {
            status.reason = Reason.Expired;
            return status;
        }
        status.allowed = true;
        status.reason = Reason.PaidLicence;
    }

    /// @inheritdoc ILicensing
    function licenceStatusByHash(bytes32 contentHash, address account) external view returns (Status memory) {
        (uint256 workId, ) = works.workOfHash(contentHash);
        return licenceStatus(workId, account);
    }

    /// @inheritdoc ILicensing
    function recordOf(uint64 recordId) external view returns (Record memory) {
        return _knownRecord(recordId);
    }

    /// @inheritdoc ILicensing
    function priceOf(uint256 workId) external view returns (uint256) {
        return _price(workId, templates.termsOf(_knownWork(workId).licenceId));
    }

    /// @inheritdoc ILicensing
    function claimable(uint256 workId, address contributor) external view returns (uint256) {
        return uint256(works.shareOf(workId, contributor)) * (_pots[workId].perBps - _paid[workId][contributor]);
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

    // ---------------------------------------------------------------- internals

    function _requireAllowed(address account) private view {
        if (!commons.isAllowed(account)) revert LicensingNotParticipant(account);
    }

    function _knownWork(uint256 workId) private view returns (IWorksRegistry.Work memory work) {
        work = works.workOf(workId);
        if (work.versionCount == 0) revert LicensingUnknownWork(workId);
    }

    function _licensableWork(uint256 workId) private view returns (IWorksRegistry.Work memory work) {
        work = _knownWork(workId);
        if (work.suspended) revert LicensingWorkSuspended(workId);
    }

    function _knownRecord(uint64 recordId) private view returns (Record storage record) {
        record = _records[recordId];
        if (record.licensee == address(0)) revert LicensingUnknownRecord(recordId);
    }

    function _price(uint256 workId, ILicenceTemplates.Terms memory terms) private view returns (uint256) {
        uint96 workPrice = _workPrice[workId];
        return workPrice == 0 ? terms.fee : workPrice;
    }

    /// @dev The end of the account's current paid term on the work, or 0 when none runs.
    function _runningExpiry(uint256 workId, address account) private view returns (uint40) {
        uint64 recordId = _latest[workId][account];
        if (recordId == 0) return 0;
        Record storage record = _records[recordId];
        return record.revoked ? 0 : record.expiry;
    }

    function _newRecord(
        uint256 workId,
        address account,
        uint96 price,
        uint32 version,
        uint40 start,
        uint40 expiry,
        bool commonsUse
    ) private returns (uint64 recordId) {
        recordId = ++_recordCount;
        _records[recordId] = Record({
            licensee: account,
            pricePaid: price,
            workId: uint64(workId),
            version: version,
            start: start,
            expiry: expiry,
            commonsUse: commonsUse,
            revoked: false
        });
        _latest[workId][account] = recordId;
    }

    function _accrue(uint256 workId, uint256 perBps, uint256 toUpstream) private {
        Pot storage pot = _pots[workId];
        pot.perBps += uint128(perBps);
        pot.upstreamPending += uint128(toUpstream);
    }

    /// @dev A parent's income from a child: split by the parent's own contributors:upstream
    /// ratio; returns the rounding dust, which goes to the fund.
    function _receiveFromChild(uint256 parentId, uint256 childId, uint256 amount) private returns (uint256 dust) {
        IWorksRegistry.Work memory parent = works.workOf(parentId);
        ILicenceTemplates.Terms memory terms = templates.termsOf(parent.licenceId);
        FeeSplit.Parts memory parts = FeeSplit.ofIncome(amount, terms, parent.parentCount != 0);
        _accrue(parentId, parts.perBps, parts.toUpstream);
        emit UpstreamReceived(parentId, childId, parts.perBps * FeeSplit.WHOLE, parts.toUpstream, parts.dust);
        return parts.dust;
    }
}
