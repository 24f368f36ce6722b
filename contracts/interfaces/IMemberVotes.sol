// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IVotesExtended} from "./IVotesExtended.sol";

/// @title Votes together with the voter's standing, in one call
/// @notice What SPIN's governor asks the membership when someone votes or proposes: the votes (or
/// own voting unit and delegate) at a past timepoint, exactly as IVotes/VotesExtended answer them,
/// and whether the account is now a member in good standing (an admitted, unsuspended Person).
/// Both come from the account record the lookup reads anyway, so the check costs no extra read.
interface IMemberVotes is IVotesExtended {
    /// @notice `getPastVotes(account, timepoint)`, and whether `account` is now in good standing.
    function votingPowerOf(
        address account,
        uint256 timepoint
    ) external view returns (uint256 votes, bool inGoodStanding);

    /// @notice `getPastBalanceOf` and `getPastDelegate` of `account` at `timepoint`, and whether
    /// `account` is now in good standing.
    function ownVoteOf(
        address account,
        uint256 timepoint
    ) external view returns (uint256 units, address delegatee, bool inGoodStanding);
}
