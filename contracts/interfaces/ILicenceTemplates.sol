// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Licence templates: the licences a work may carry, set by governance
/// @notice A template pairs a legal text (hash + URI) with machine-readable terms that the works
/// registry (forks) and licensing (fees) enforce. Terms never change once added, so a licence
/// record always means what it meant when it was bought; governance retires a template instead.
interface ILicenceTemplates {
    /// @notice Who may use a work commercially.
    enum CommercialUse {
        /// Nobody: non-commercial use only.
        Forbidden,
        /// Everyone, for free (CC BY-SA, CC0).
        Free,
        /// Persons, Cooperatives and Places for free; Enterprises buy a licence (PPL, CopyFair).
        CommonsFree
    }

    /// @notice Machine-readable terms, packed in one storage slot. Basis points sum to 10,000:
    /// contributorsBps + upstreamBps + fundABps + fundBBps.
    struct Terms {
        /// Price of one term, in coin units, unless stewards set a per-work price.
        uint96 fee;
        /// Length of one paid term, in seconds.
        uint32 term;
        /// Share of each fee for the work's contributors.
        uint16 contributorsBps;
        /// Share of each fee for the work's direct parents (contributors' when it has none).
        uint16 upstreamBps;
        /// Share of each fee for sub-fund `fundA` of the common fund.
        uint16 fundABps;
        uint8 fundA;
        /// Share of each fee for sub-fund `fundB` of the common fund.
        uint16 fundBBps;
        uint8 fundB;
        CommercialUse commercialUse;
        bool derivativesAllowed;
        bool shareAlike;
        bool attribution;
    }

    /// @notice Bounds of a per-work price set by stewards; both zero when stewards cannot set one.
    struct FeeBounds {
        uint96 minFee;
        uint96 maxFee;
    }

    /// @notice A new template. Indexers read everything about it from this event.
    event TemplateAdded(
        uint32 indexed licenceId,
        string name,
        bytes32 legalTextHash,
        string legalTextURI,
        Terms terms,
        FeeBounds bounds
    );
    /// @notice New works may (active) or may no longer (retired) choose the template.
    event TemplateActiveSet(uint32 indexed licenceId, bool active);
    /// @notice Forks of share-alike works under `parentLicenceId` may (or may no longer) use
    /// `childLicenceId`.
    event CompatibilitySet(uint32 indexed parentLicenceId, uint32 indexed childLicenceId, bool compatible);

    error LicenceTemplatesUnknown(uint32 licenceId);
    error LicenceTemplatesEmptyName();
    error LicenceTemplatesSplitNotWhole(uint256 totalBps);
    error LicenceTemplatesUnknownSubFund(uint8 subFund);
    error LicenceTemplatesPaidTerms(uint96 fee, uint32 term);
    error LicenceTemplatesFeeBounds(uint96 minFee, uint96 fee, uint96 maxFee);
    error LicenceTemplatesFeeWithoutPayers(CommercialUse commercialUse, uint96 fee);

    /// @notice Adds a template and returns its id (1, 2, ...).
    /// @dev Governance only. Emits TemplateAdded and TemplateActiveSet(id, true). Fails when the
    /// name is empty, the basis points do not sum to 10,000, a sub-fund id is not a fund's
    /// (0..3), a paid template has a zero fee or term or a fee outside its own bounds, or a template
    /// whose commercial use nobody pays for has a fee.
    function addTemplate(
        string calldata name,
        bytes32 legalTextHash,
        string calldata legalTextURI,
        Terms calldata terms,
        FeeBounds calldata bounds
    ) external returns (uint32 licenceId);

    /// @notice Lets new works choose the template, or stops them. Existing works keep it.
    /// @dev Governance only. Emits TemplateActiveSet. Fails for an unknown id.
    function setActive(uint32 licenceId, bool active) external;

    /// @notice Declares that forks of share-alike `parentLicenceId` works may use `childLicenceId`.
    /// @dev Governance only. Emits CompatibilitySet. Fails for unknown ids.
    function setCompatible(uint32 parentLicenceId, uint32 childLicenceId, bool compatible) external;

    /// @notice The terms of a template. Fails for an unknown id.
    function termsOf(uint32 licenceId) external view returns (Terms memory);

    /// @notice The bounds within which stewards may set a per-work price. Fails for an unknown id.
    function feeBoundsOf(uint32 licenceId) external view returns (FeeBounds memory);

    /// @notice The template's name and legal text (sha-256 of the file and where to read it).
    /// Fails for an unknown id.
    function legalTextOf(
        uint32 licenceId
    ) external view returns (string memory name, bytes32 legalTextHash, string memory legalTextURI);

    /// @notice True when the template exists and new works may choose it.
    function isActive(uint32 licenceId) external view returns (bool);

    /// @notice What a fork under `childLicenceId` of a work under `parentLicenceId` may do:
    /// whether the parent allows derivatives at all, and whether the child's licence satisfies
    /// the parent's share-alike clause (always true when the parent is not share-alike).
    function forkRule(
        uint32 parentLicenceId,
        uint32 childLicenceId
    ) external view returns (bool derivativesAllowed, bool licenceCompatible);

    /// @notice How many templates exist; ids run from 1 to this number.
    function templateCount() external view returns (uint32);
}
