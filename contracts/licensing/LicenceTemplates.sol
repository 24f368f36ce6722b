// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";

/// @title The licence templates governance offers to works
/// @notice Terms are immutable once added; see ILicenceTemplates.
contract LicenceTemplates is ILicenceTemplates, AccessControl {
    /// @notice The common fund's sub-funds are 0 Pooled, 1 Global South, 2 Commons,
    /// 3 Technology Infrastructure.
    uint8 public constant SUB_FUND_COUNT = 4;
    uint16 private constant WHOLE = 10_000;

    struct LegalText {
        string name;
        bytes32 hash;
        string uri;
    }

    uint32 private _count;
    mapping(uint32 licenceId => Terms) private _terms;
    mapping(uint32 licenceId => FeeBounds) private _bounds;
    mapping(uint32 licenceId => bool) private _active;
    mapping(uint32 licenceId => LegalText) private _legalTexts;
    mapping(uint32 parentLicenceId => mapping(uint32 childLicenceId => bool)) private _compatible;

    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ILicenceTemplates
    function addTemplate(
        string calldata name,
        bytes32 legalTextHash,
        string calldata legalTextURI,
        Terms calldata terms,
        FeeBounds calldata bounds
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint32 licenceId) {
        if (bytes(name).length == 0) revert LicenceTemplatesEmptyName();
        _checkTerms(terms, bounds);
        licenceId = ++_count;
        _terms[licenceId] = terms;
        _bounds[licenceId] = bounds;
        _active[licenceId] = true;
        _legalTexts[licenceId] = LegalText(name, legalTextHash, legalTextURI);
        emit TemplateAdded(licenceId, name, legalTextHash, legalTextURI, terms, bounds);
        emit TemplateActiveSet(licenceId, true);
    }

    /// @inheritdoc ILicenceTemplates
    function setActive(uint32 licenceId, bool active) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireKnown(licenceId);
        _active[licenceId] = active;
        emit TemplateActiveSet(licenceId, active);
    }

    /// @inheritdoc ILicenceTemplates
    function setCompatible(
        uint32 parentLicenceId,
        uint32 childLicenceId,
        bool compatible
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireKnown(parentLicenceId);
        _requireKnown(childLicenceId);
        _compatible[parentLicenceId][childLicenceId] = compatible;
        emit CompatibilitySet(parentLicenceId, childLicenceId, compatible);
    }

    /// @inheritdoc ILicenceTemplates
    function termsOf(uint32 licenceId) external view returns (Terms memory) {
        _requireKnown(licenceId);
        return _terms[licenceId];
    }

    /// @inheritdoc ILicenceTemplates
    function feeBoundsOf(uint32 licenceId) external view returns (FeeBounds memory) {
        _requireKnown(licenceId);
        return _bounds[licenceId];
    }

    /// @inheritdoc ILicenceTemplates
    function legalTextOf(
        uint32 licenceId
    ) external view returns (string memory name, bytes32 legalTextHash, string memory legalTextURI) {
        _requireKnown(licenceId);
        LegalText storage text = _legalTexts[licenceId];
        return (text.name, text.hash, text.uri);
    }

    /// @inheritdoc ILicenceTemplates
    function isActive(uint32 licenceId) external view returns (bool) {
        return _active[licenceId];
    }

    /// @inheritdoc ILicenceTemplates
    function forkRule(
        uint32 parentLicenceId,
        uint32 childLicenceId
    ) external view returns (bool derivativesAllowed, bool licenceCompatible) {
        _requireKnown(parentLicenceId);
        Terms storage parent = _terms[parentLicenceId];
        derivativesAllowed = parent.derivativesAllowed;
        licenceCompatible =
            !parent.shareAlike ||
            parentLicenceId == childLicenceId ||
            _compatible[parentLicenceId][childLicenceId];
    }

    /// @inheritdoc ILicenceTemplates
    function templateCount() external view returns (uint32) {
        return _count;
    }

    function _requireKnown(uint32 licenceId) private view {
        if (licenceId == 0 || licenceId > _count) revert LicenceTemplatesUnknown(licenceId);
    }

    function _checkTerms(Terms calldata terms, FeeBounds calldata bounds) private pure {
        uint256 total = uint256(terms.contributorsBps) +
            terms.upstreamBps +
            terms.fundABps +
            terms.fundBBps;
        if (total != WHOLE) revert LicenceTemplatesSplitNotWhole(total);
        if (terms.fundA >= SUB_FUND_COUNT) revert LicenceTemplatesUnknownSubFund(terms.fundA);
        if (terms.fundB >= SUB_FUND_COUNT) revert LicenceTemplatesUnknownSubFund(terms.fundB);
        bool paid = terms.commercialUse == CommercialUse.CommonsFree;
        if (!paid && (terms.fee != 0 || bounds.maxFee != 0)) {
            revert LicenceTemplatesFeeWithoutPayers(terms.commercialUse, terms.fee);
        }
        if (paid && (terms.term == 0 || terms.fee == 0)) revert LicenceTemplatesPaidTerms(terms.fee, terms.term);
        bool bounded = bounds.minFee != 0 || bounds.maxFee != 0;
        if (bounded && (bounds.minFee > terms.fee || terms.fee > bounds.maxFee)) {
            revert LicenceTemplatesFeeBounds(bounds.minFee, terms.fee, bounds.maxFee);
        }
    }
}
