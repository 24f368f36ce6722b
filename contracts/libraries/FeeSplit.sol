// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ILicenceTemplates} from "../interfaces/ILicenceTemplates.sol";

/// @title How a fee is divided, exactly
/// @notice Every part is rounded down; what rounding leaves is `dust`, which goes to the common
/// fund, so the parts always sum to the amount. The contributors' part is kept as an amount per
/// basis point of share (`perBps`), so that contributors' claims, which sum shares to 10,000,
/// add up to exactly `perBps * 10,000`.
library FeeSplit {
    uint256 internal constant WHOLE = 10_000;

    struct Parts {
        /// Contributors' part divided by 10,000 (their part is perBps * 10,000).
        uint256 perBps;
        uint256 toUpstream;
        uint256 toFundA;
        uint256 toFundB;
        uint256 dust;
    }

    /// @notice The split of a licence fee by the template's basis points. A work without parents
    /// gives the upstream part to its contributors.
    function ofPurchase(
        uint256 price,
        ILicenceTemplates.Terms memory terms,
        bool hasParents
    ) internal pure returns (Parts memory parts) {
        uint256 toUpstream = (price * terms.upstreamBps) / WHOLE;
        uint256 toContributors = (price * terms.contributorsBps) / WHOLE;
        if (hasParents) parts.toUpstream = toUpstream;
        else toContributors += toUpstream;
        parts.toFundA = (price * terms.fundABps) / WHOLE;
        parts.toFundB = (price * terms.fundBBps) / WHOLE;
        parts.perBps = toContributors / WHOLE;
        parts.dust = price - parts.perBps * WHOLE - parts.toUpstream - parts.toFundA - parts.toFundB;
    }

    /// @notice The split of what a work receives from a fork: the fund already took its share at
    /// purchase, so the amount divides between contributors and upstream in the template's
    /// contributors:upstream ratio (all to contributors for a work without parents).
    function ofIncome(
        uint256 amount,
        ILicenceTemplates.Terms memory terms,
        bool hasParents
    ) internal pure returns (Parts memory parts) {
        uint256 ratioTotal = uint256(terms.contributorsBps) + terms.upstreamBps;
        if (hasParents && ratioTotal != 0) parts.toUpstream = (amount * terms.upstreamBps) / ratioTotal;
        parts.perBps = (amount - parts.toUpstream) / WHOLE;
        parts.dust = amount - parts.toUpstream - parts.perBps * WHOLE;
    }
}
