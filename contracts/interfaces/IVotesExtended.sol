// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title Votes with history of delegation and balance, as OpenZeppelin's VotesExtended keeps them
/// @notice What the governor needs of the membership to let a member override its delegate's vote:
/// whom the member had delegated to, and how many votes were its own, at a proposal's snapshot.
interface IVotesExtended is IERC5805 {
    /// @notice The delegate of `account` at `timepoint` (in the past, on the token's clock).
    function getPastDelegate(address account, uint256 timepoint) external view returns (address);

    /// @notice The voting units `account` held itself at `timepoint` (in the past).
    function getPastBalanceOf(address account, uint256 timepoint) external view returns (uint256);
}
