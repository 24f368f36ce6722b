// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICommonFund} from "../interfaces/ICommonFund.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";
import {ILicensing} from "../interfaces/ILicensing.sol";
import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";
import {FeeSplit} from "../libraries/FeeSplit.sol";
import {FeeAccounts} from "./FeeAccounts.sol";

/// @title Licensing
/// @notice See ILicensing. Licence records and the licence check; where the fees go is
/// FeeAccounts. Each (work, account) pair has a line of records, each linked to the one before
/// it: the latest decides the account's status. A firm pays at most `MAX_TERMS_AHEAD` terms
/// ahead, so at most `MAX_TERMS_AHEAD` + 1 records of a paid line give a right now or later;
/// revoking any record voids them all (and the latest) and blocks the line until governance
/// lifts it.
contract Licensing is FeeAccounts {
    using SafeERC20 for IERC20;

    /// @notice How many terms beyond the running one a firm may have paid for.
    uint256 public constant MAX_TERMS_AHEAD = 32;

    /// @dev A licence record as stored: ILicensing.Record and the line's record before it, which
    /// fills the second slot.
    struct StoredRecord {
        address licensee;
        uint96 pricePaid;
        uint64 workId;
        uint32 version;
        uint40 start;
        uint40 expiry;
        bool commonsUse;
        bool revoked;
        uint64 previous;
    }

    mapping(uint64 recordId => StoredRecord) private _records;
    mapping(uint256 workId => mapping(address account => uint64 recordId)) private _latest;
    mapping(uint256 workId => uint96) private _workPrice;

    constructor(
        address admin,
        ICommonsRegistry commons_,
        IWorksRegistry works_,
        ILicenceTemplates templates_,
        IERC20 coin_,
        ICommonFund fund_
    ) FeeAccounts(commons_, works_, templates_, coin_, fund_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
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

        uint40 start;
        uint40 expiry;
        (recordId, start, expiry) = _newTerm(workId, terms.term, price, work.versionCount);
        FeeSplit.Parts memory parts = FeeSplit.ofPurchase(price, terms, work.parentCount != 0);
        _accrue(workId, parts.perBps, parts.toUpstream);
        _fundPending[terms.fundA] += uint128(parts.toFundA + parts.dust);
        _fundPending[terms.fundB] += uint128(parts.toFundB);

        // A permit front-run by someone else still leaves the allowance: then pay with it.
        try
            IERC20Permit(address(coin)).permit(msg.sender, address(this), price, deadline, v, r, s)
        {} catch {}
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
        uint64 latest = _latest[workId][msg.sender];
        if (_records[latest].revoked) revert LicensingRevoked(workId, msg.sender, latest);
        uint40 now_ = uint40(block.timestamp);
        recordId = _newRecord(workId, latest, 0, work.versionCount, now_, type(uint40).max, true);
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
        StoredRecord storage record = _knownRecord(recordId);
        if (record.revoked) revert LicensingAlreadyRevoked(recordId);
        uint256 workId = record.workId;
        address licensee = record.licensee;
        _void(recordId, record, reason);
        uint64 id = _latest[workId][licensee];
        if (id == 0) {
            // A line a lift emptied: the revoked record heads it again, so the line is blocked.
            _latest[workId][licensee] = recordId;
            return;
        }
        // The latest record always (it blocks the line), then every older one that still gives a
        // right; a paid line has at most MAX_TERMS_AHEAD + 1 of them.
        for (uint256 i; i <= MAX_TERMS_AHEAD && id != 0; ++i) {
            StoredRecord storage r = _records[id];
            if (i != 0 && r.expiry <= block.timestamp) break;
            if (!r.revoked) _void(id, r, reason);
            id = r.previous;
        }
    }

    /// @inheritdoc ILicensing
    function liftRevocation(
        uint256 workId,
        address account,
        string calldata reason
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint64 latest = _latest[workId][account];
        if (latest == 0 || !_records[latest].revoked) revert LicensingNotRevoked(workId, account);
        delete _latest[workId][account];
        emit RevocationLifted(workId, account, latest, reason);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILicensing
    function licenceStatus(uint256 workId, address account) public view returns (Status memory status) {
        IWorksRegistry.Work memory work = works.workOf(workId);
        if (work.versionCount == 0) return status; // UnknownWork
        status.licenceId = work.licenceId;
        uint64 recordId = _latest[workId][account];
        status.recordId = recordId;
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
        StoredRecord storage record = _records[recordId];
        if (record.revoked) {
            status.reason = Reason.Revoked;
            return status;
        }
        if (use == ILicenceTemplates.CommercialUse.Free || kind != ICommonsRegistry.Kind.Enterprise) {
            status.allowed = true;
            status.reason =
                use == ILicenceTemplates.CommercialUse.Free ? Reason.OpenLicence : Reason.CommonsUse;
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
        StoredRecord storage r = _knownRecord(recordId);
        return
            Record({
                licensee: r.licensee,
                pricePaid: r.pricePaid,
                workId: r.workId,
                version: r.version,
                start: r.start,
                expiry: r.expiry,
                commonsUse: r.commonsUse,
                revoked: r.revoked
            });
    }

    /// @inheritdoc ILicensing
    function priceOf(uint256 workId) external view returns (uint256) {
        return _price(workId, templates.termsOf(_knownWork(workId).licenceId));
    }

    // ---------------------------------------------------------------- internals

    function _knownWork(uint256 workId) private view returns (IWorksRegistry.Work memory work) {
        work = works.workOf(workId);
        if (work.versionCount == 0) revert LicensingUnknownWork(workId);
    }

    function _licensableWork(uint256 workId) private view returns (IWorksRegistry.Work memory work) {
        work = _knownWork(workId);
        if (work.suspended) revert LicensingWorkSuspended(workId);
    }

    function _knownRecord(uint64 recordId) private view returns (StoredRecord storage record) {
        record = _records[recordId];
        if (record.licensee == address(0)) revert LicensingUnknownRecord(recordId);
    }

    function _price(uint256 workId, ILicenceTemplates.Terms memory terms) private view returns (uint256) {
        uint96 workPrice = _workPrice[workId];
        return workPrice == 0 ? terms.fee : workPrice;
    }

    /// @dev When the caller's new term on the work starts: now, or when its paid terms end if
    /// that is at most `MAX_TERMS_AHEAD` terms away; and the caller's latest record for the work.
    /// Refuses a revoked line.
    function _termStart(uint256 workId, uint32 term) private view returns (uint40 start, uint64 latest) {
        start = uint40(block.timestamp);
        latest = _latest[workId][msg.sender];
        if (latest == 0) return (start, 0);
        StoredRecord storage record = _records[latest];
        if (record.revoked) revert LicensingRevoked(workId, msg.sender, latest);
        uint40 paidUntil = record.expiry;
        if (paidUntil <= start) return (start, latest);
        uint40 ahead = uint40(MAX_TERMS_AHEAD * term);
        if (paidUntil - start > ahead) revert LicensingPaidAhead(workId, paidUntil, paidUntil - ahead);
        return (paidUntil, latest);
    }

    /// @dev Records the caller's next paid term of the work (see `_termStart`).
    function _newTerm(
        uint256 workId,
        uint32 term,
        uint256 price,
        uint32 version
    ) private returns (uint64 recordId, uint40 start, uint40 expiry) {
        uint64 latest;
        (start, latest) = _termStart(workId, term);
        expiry = start + term;
        recordId = _newRecord(workId, latest, uint96(price), version, start, expiry, false);
    }

    /// @dev Records the caller's new licence record and makes it the latest of its line, after
    /// `latest` (the line's latest so far).
    function _newRecord(
        uint256 workId,
        uint64 latest,
        uint96 price,
        uint32 version,
        uint40 start,
        uint40 expiry,
        bool commonsUse
    ) private returns (uint64 recordId) {
        recordId = _nextRecord(price);
        _records[recordId] = StoredRecord({
            licensee: msg.sender,
            pricePaid: price,
            workId: uint64(workId),
            version: version,
            start: start,
            expiry: expiry,
            commonsUse: commonsUse,
            revoked: false,
            previous: latest
        });
        _latest[workId][msg.sender] = recordId;
    }

    function _void(uint64 recordId, StoredRecord storage record, string calldata reason) private {
        record.revoked = true;
        emit LicenceRevoked(recordId, record.workId, record.licensee, reason);
    }
}
