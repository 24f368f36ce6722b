// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Licensing: who may use a work commercially, and the fees that flow back
/// @notice Enterprises buy terms of commercial use of works under paying templates (PPL,
/// CopyFair); commoners record free use. Each fee is split exactly between the work's
/// contributors, its upstream parents and sub-funds of the common fund; contributors pull what
/// they earned. Upstream money climbs the lineage one generation per `settleUpstream`, so a
/// purchase costs the same whatever the depth. See docs/works-and-licensing.md.
interface ILicensing {
    /// @notice Why an account may or may not use a work commercially.
    enum Reason {
        UnknownWork,
        SuspendedWork,
        NotMember,
        Forbidden,
        OpenLicence,
        CommonsUse,
        PaidLicence,
        NoLicence,
        Expired,
        Revoked
    }

    /// @notice The answer of `licenceStatus`. `recordId` is the account's latest licence record
    /// for the work (0 when none or the work is unknown), whatever the reason. `validUntil` is
    /// non-zero only when a paid term decides the answer: the end of the last term paid
    /// (PaidLicence: allowed until then; Expired: ended then). It is 0 for every other reason,
    /// commons-use records (which never expire) and revoked licences included.
    struct Status {
        bool allowed;
        Reason reason;
        uint32 licenceId;
        uint64 recordId;
        uint40 validUntil;
    }

    /// @notice An on-chain licence record, two storage slots. Commons-use records have price 0
    /// and never expire.
    struct Record {
        address licensee;
        uint96 pricePaid;
        uint64 workId;
        uint32 version;
        uint40 start;
        uint40 expiry;
        bool commonsUse;
        bool revoked;
    }

    event LicencePurchased(
        uint64 indexed recordId,
        uint256 indexed workId,
        address indexed licensee,
        uint32 licenceId,
        uint32 version,
        uint40 start,
        uint40 expiry,
        uint256 price,
        uint256 toContributors,
        uint256 toUpstream,
        uint256 toFund
    );
    event CommonsUseRecorded(
        uint64 indexed recordId,
        uint256 indexed workId,
        address indexed user,
        uint32 licenceId,
        uint32 version
    );
    /// @notice Governance voided the licence record `recordId`. One revocation voids the record it
    /// names, the licensee's latest record for the work and every record of it that still gives a
    /// right (the running term and the terms paid ahead), each with its own event; until
    /// `RevocationLifted`, the licensee can neither buy nor record use of the work again.
    event LicenceRevoked(
        uint64 indexed recordId,
        uint256 indexed workId,
        address indexed licensee,
        string reason
    );
    /// @notice Governance lifted the revocation of `account`'s licence for `workId` (its latest
    /// record was `recordId`): the account has no licence record for the work any more, and may
    /// buy or record use again. Revoked records stay revoked.
    event RevocationLifted(uint256 indexed workId, address indexed account, uint64 recordId, string reason);
    event WorkPriceSet(uint256 indexed workId, uint256 price, address indexed steward);
    /// @notice A work's upstream pot was emptied: each of its parents got `perParent`, which it
    /// split into `toContributors` / `toUpstream` (see UpstreamReceived), and `toFund` (what did not
    /// divide among the parents) went to the fund's Pooled share.
    event UpstreamSettled(uint256 indexed workId, uint256 perParent, uint256 parentCount, uint256 toFund);
    event UpstreamReceived(
        uint256 indexed workId,
        uint256 indexed fromWorkId,
        uint256 toContributors,
        uint256 toUpstream,
        uint256 toFund
    );
    event Claimed(uint256 indexed workId, address indexed contributor, uint256 amount);
    /// @notice The fund's shares (and any coin sent to licensing by mistake, added to Pooled's)
    /// went to the common fund, `amounts[i]` credited to sub-fund `i`.
    event FundFlushed(uint256[4] amounts);
    /// @notice Someone recorded that `contributor` cannot claim its `amount` from `workId` now (not
    /// allowed by the registry, or the work is suspended): unless it claims first, governance may
    /// sweep the balance to the fund from `sweepableAt`.
    event UnclaimableMarked(
        uint256 indexed workId,
        address indexed contributor,
        uint256 amount,
        uint64 sweepableAt
    );
    /// @notice Governance moved `contributor`'s unclaimable `amount` from `workId` to the fund's
    /// Pooled share (flushed with the next `flushFund`).
    event UnclaimedSwept(uint256 indexed workId, address indexed contributor, uint256 amount, string reason);

    error LicensingUnknownWork(uint256 workId);
    error LicensingWorkSuspended(uint256 workId);
    error LicensingNotParticipant(address account);
    error LicensingNotEnterprise(address account);
    error LicensingNotCommons(address account);
    error LicensingNotForSale(uint256 workId, uint32 licenceId);
    error LicensingCommercialUseForbidden(uint256 workId, uint32 licenceId);
    error LicensingPriceAboveMax(uint256 price, uint256 maxPrice);
    error LicensingNotSteward(uint256 workId, address account);
    error LicensingPriceOutOfBounds(uint256 price, uint256 minFee, uint256 maxFee);
    error LicensingUnknownRecord(uint64 recordId);
    error LicensingAlreadyRevoked(uint64 recordId);
    error LicensingNothingToSettle(uint256 workId);
    error LicensingNothingToClaim(uint256 workId, address contributor);
    error LicensingNothingToFlush();
    /// @notice `account`'s licence for `workId` was revoked (its latest record is `recordId`):
    /// it may not buy or record use again until governance lifts the revocation.
    error LicensingRevoked(uint256 workId, address account, uint64 recordId);
    /// @notice `account`'s licence for `workId` is not revoked: there is nothing to lift.
    error LicensingNotRevoked(uint256 workId, address account);
    /// @notice The buyer has already paid until `paidUntil`, `MAX_TERMS_AHEAD` terms ahead; it
    /// may buy the next term from `renewableFrom`.
    error LicensingPaidAhead(uint256 workId, uint40 paidUntil, uint40 renewableFrom);
    /// @notice `contributor` may claim its balance from `workId` now: there is nothing to sweep.
    error LicensingClaimableNow(uint256 workId, address contributor);
    /// @notice `contributor` has no unclaimed balance from `workId`.
    error LicensingNothingToSweep(uint256 workId, address contributor);
    /// @notice The balance may be swept only from `sweepableAt` (0: nobody marked it unclaimable
    /// since the contributor last claimed).
    error LicensingSweepTooEarly(uint256 workId, address contributor, uint64 sweepableAt);

    /// @notice Buys one term of commercial use of a work at its current price, paying with an
    /// EIP-2612 permit in the same transaction. The term starts now, or when the buyer's
    /// running term ends; a buyer may pay at most `MAX_TERMS_AHEAD` terms ahead. Returns the record id.
    /// @dev An Enterprise the registry allows (the coin refuses to move a disallowed account's
    /// coin, so that check happens when it pays). Emits LicencePurchased. Fails for an unknown
    /// or suspended work, a licence nobody pays for or nobody may use commercially, a caller
    /// that is not an Enterprise, a price above `maxPrice`, a revoked licence
    /// (LicensingRevoked), a term already paid ahead (LicensingPaidAhead), or a failed payment
    /// (an invalid permit is ignored when an allowance already covers the price).
    function purchase(
        uint256 workId,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint64 recordId);

    /// @notice Records, for proof, that the caller uses a work under its free terms.
    /// @dev A Person, Cooperative or Place that is allowed, under a CommonsFree template; anyone
    /// allowed under a Free template. Emits CommonsUseRecorded. Fails for an unknown or
    /// suspended work, a Forbidden template, an Enterprise under a CommonsFree template, or a
    /// revoked licence (LicensingRevoked).
    function recordCommonsUse(uint256 workId) external returns (uint64 recordId);

    /// @notice Sets the work's price per term within its template's bounds; 0 returns to the
    /// template's fee.
    /// @dev A steward of the work who is an allowed participant. Emits WorkPriceSet. Fails for
    /// an unknown work, a non-steward, or a price outside the template's bounds (a template
    /// without bounds accepts only 0).
    function setWorkPrice(uint256 workId, uint96 price) external;

    /// @notice Empties a work's upstream pot: divides it equally among its direct parents, each
    /// splitting what it gets between its own contributors and its own upstream pot by its
    /// template's ratio; what does not divide goes to the fund's Pooled share.
    /// @dev Any allowed account. Emits UpstreamSettled and, when each parent gets something, one
    /// UpstreamReceived per parent. Fails when the pot is empty.
    function settleUpstream(uint256 workId) external;

    /// @notice Pays the caller what they earned as a contributor of a work.
    /// @dev The contributor, once the registry allows it (the coin refuses to pay anyone else):
    /// a contributor that is not or no longer a member claims after its admission or
    /// reinstatement. Emits Claimed. Fails for a suspended work or when nothing is owed.
    function claim(uint256 workId) external returns (uint256 amount);

    /// @notice Sends the fund's accrued shares to the common fund and credits each sub-fund; coin
    /// sent to licensing by mistake (beyond what it owes) goes with Pooled's share.
    /// @dev Any allowed account. Emits FundFlushed. Fails when nothing has accrued.
    function flushFund() external;

    /// @notice Records that `contributor` cannot claim its balance from `workId` now (the registry
    /// does not allow it, or the work is suspended), which starts `UNCLAIMED_PERIOD`.
    /// @dev Any allowed account. Emits UnclaimableMarked. Fails when the caller is not allowed,
    /// nothing is owed, the contributor can claim, or a mark already runs
    /// (LicensingSweepTooEarly: marking again would only postpone the sweep).
    function markUnclaimable(uint256 workId, address contributor) external;

    /// @notice Moves a balance its contributor cannot claim to the fund's Pooled share: at once
    /// when the contributor was expelled, else `UNCLAIMED_PERIOD` after a mark made since it last
    /// claimed.
    /// @dev Governance only. Emits UnclaimedSwept. Fails when nothing is owed, the contributor can
    /// claim, or it is too early.
    function sweepUnclaimed(uint256 workId, address contributor, string calldata reason) external;

    /// @notice Revokes a licence (e.g. after fraud): the record, the licensee's latest record for
    /// the work and every record of it that still gives a right (terms paid ahead are void too).
    /// Nothing is refunded: the fee was already split and paid out as the template says. Until
    /// governance lifts it, the licensee cannot buy or record use of the work again.
    /// @dev Governance only. Emits LicenceRevoked per record voided. Fails for an unknown or
    /// revoked record.
    function revoke(uint64 recordId, string calldata reason) external;

    /// @notice Lifts the revocation of `account`'s licence for `workId`: it then has no licence
    /// record for the work and may buy or record use again.
    /// @dev Governance only. Emits RevocationLifted. Fails when the licence is not revoked.
    function liftRevocation(uint256 workId, address account, string calldata reason) external;

    /// @notice May `account` use work `workId` commercially, why, and under which licence.
    function licenceStatus(uint256 workId, address account) external view returns (Status memory);

    /// @notice `licenceStatus` for the work that a content hash (any version) names.
    function licenceStatusByHash(bytes32 contentHash, address account) external view returns (Status memory);

    /// @notice A licence record. Fails for an unknown id.
    function recordOf(uint64 recordId) external view returns (Record memory);

    /// @notice The price of one term of a work now (per-work price or the template's fee).
    function priceOf(uint256 workId) external view returns (uint256);

    /// @notice What a contributor may claim from a work now.
    function claimable(uint256 workId, address contributor) external view returns (uint256);

    /// @notice A work's pot: cumulative amount per basis point of contributor share, and the
    /// upstream amount not yet settled to its parents.
    function potOf(uint256 workId) external view returns (uint128 perBps, uint128 upstreamPending);

    /// @notice What each sub-fund has accrued and not yet been flushed to the fund.
    function fundPending() external view returns (uint128[4] memory);

    /// @notice Everything licensing owes: unclaimed contributor balances, unsettled upstream pots
    /// and the fund's unflushed shares. Its coin balance is this plus coin sent to it by mistake.
    function owed() external view returns (uint256);

    /// @notice When `contributor`'s balance from `workId` was marked unclaimable and from when it
    /// may be swept; (0, 0) when unmarked or when it claimed since.
    function unclaimableMark(
        uint256 workId,
        address contributor
    ) external view returns (uint64 markedAt, uint64 sweepableAt);
}
