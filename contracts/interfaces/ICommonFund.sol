// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The common fund as other SPIN contracts see it
interface ICommonFund {
    /// @notice Assigns coin that has already arrived at the fund but belongs to no sub-fund yet
    /// to `subFund`. SPIN contracts transfer coin to the fund and call this in the same
    /// transaction (licence fees, the coin's initial allocation).
    /// @dev Reverts unless the fund holds at least `amount` of unassigned coin.
    function credit(uint256 subFund, uint256 amount, string calldata memo) external;
}
