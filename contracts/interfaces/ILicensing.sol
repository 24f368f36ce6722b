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

    /// @notice The answer of `licenceStatus`. `validUntil` is the paid term's end (0 otherwise);
    /// `recordId` the account's latest licence record for the work (0 when none).
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
    event LicenceRevoked(uint64 indexed recordId, uint256 indexed workId, address indexed licensee, string reason);
    event WorkPriceSet(uint256 indexed workId, uint256 price, address indexed steward);
    /// @notice A work's upstream pot was divided among its parents: each got `perParent`, which
    /// it split into `toContributors` / `toUpstream` (see UpstreamReceived); `kept` stays in the pot.
    event UpstreamSettled(uint256 indexed workId, uint256 perParent, uint256 parentCount, uint256 kept);
    event UpstreamReceived(
        uint256 indexed workId,
        uint256 indexed fromWorkId,
        uint256 toContributors,
        uint256 toUpstream,
        uint256 toFund
    );
    event Claimed(uint256 indexed workId, address indexed contributor, uint256 amount);
    event FundFlushed(uint256[4] amounts);

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

    /// @notice Buys one term of commercial use of a work at its current price, paying with an
    /// EIP-2612 permit in the same transaction. The term starts now, or when the buyer's
    /// running term ends. Returns the record id.
    /// @dev An Enterprise the registry allows (the coin refuses to move a disallowed account's
    /// coin, so that check happens when it pays). Emits LicencePurchased. Fails for an unknown
    /// or suspended work, a licence nobody pays for or nobody may use commercially, a caller
    /// that is not an Enterprise, a price above `maxPrice`, or a failed payment (an invalid
    /// permit is ignored when an allowance already covers the price).
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
    /// suspended work, a Forbidden template, or an Enterprise under a CommonsFree template.
    function recordCommonsUse(uint256 workId) external returns (uint64 recordId);

    /// @notice Sets the work's price per term within its template's bounds; 0 returns to the
    /// template's fee.
    /// @dev A steward of the work who is an allowed participant. Emits WorkPriceSet. Fails for
    /// an unknown work, a non-steward, or a price outside the template's bounds (a template
    /// without bounds accepts only 0).
    function setWorkPrice(uint256 workId, uint96 price) external;

    /// @notice Divides a work's upstream pot among its direct parents; each parent splits what it
    /// gets between its own contributors and its own upstream pot, by its template's ratio.
    /// @dev Any allowed account. Emits UpstreamSettled and one UpstreamReceived per parent.
    /// Fails when the pot is smaller than the number of parents (nothing to divide).
    function settleUpstream(uint256 workId) external;

    /// @notice Pays the caller what they earned as a contributor of a work.
    /// @dev The contributor. Emits Claimed. Fails for a suspended work or when nothing is owed.
    function claim(uint256 workId) external returns (uint256 amount);

    /// @notice Sends the fund's accrued shares to the common fund and credits each sub-fund.
    /// @dev Any allowed account. Emits FundFlushed. Fails when nothing has accrued.
    function flushFund() external;

    /// @notice Revokes a licence record (e.g. after fraud).
    /// @dev Governance only. Emits LicenceRevoked. Fails for an unknown or revoked record.
    function revoke(uint64 recordId, string calldata reason) external;

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
}
