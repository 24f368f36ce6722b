// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title SPIN coin: an ERC-20 only the commons may hold or move
interface ISpinCoin {
    /// @notice The initial allocation went to `recipient`.
    event InitialAllocationMinted(address indexed recipient, uint256 amount);
    /// @notice Governance minted `amount` to `to`; `mintedInYear` is the year's total so far.
    event Minted(address indexed to, uint256 amount, uint256 year, uint256 mintedInYear);

    error SpinCoinZeroAddress();
    /// @notice `sender` may not move coin (not admitted, suspended, expelled, unknown).
    error SpinCoinSenderNotAllowed(address sender, ICommonsRegistry.Status status);
    /// @notice `recipient` may not hold coin.
    error SpinCoinRecipientNotAllowed(address recipient, ICommonsRegistry.Status status);
    /// @notice `spender` may not move coin on someone's behalf.
    error SpinCoinSpenderNotAllowed(address spender, ICommonsRegistry.Status status);
    error SpinCoinInitialAllocationAlreadyMinted(address recipient);
    /// @notice Minting `amount` would take `year`'s minting past `cap` (`minted` so far).
    error SpinCoinYearlyCapExceeded(uint256 year, uint256 minted, uint256 amount, uint256 cap);

    /// @notice Mints the initial allocation to `recipient` (the common fund), once.
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits Transfer and InitialAllocationMinted. Reverts
    /// SpinCoinZeroAddress, SpinCoinInitialAllocationAlreadyMinted, SpinCoinRecipientNotAllowed.
    function mintInitialAllocation(address recipient) external;

    /// @notice Mints `amount` to `to`, within the yearly cap (years counted from deployment).
    /// @dev Only DEFAULT_ADMIN_ROLE. Emits Transfer and Minted. Reverts SpinCoinYearlyCapExceeded,
    /// SpinCoinRecipientNotAllowed.
    function mint(address to, uint256 amount) external;

    /// @notice ERC-3643-style compliance check: whether `from` may send to `to` (`from` zero for a
    /// mint). `amount` is not part of the rule; balances are checked by the transfer itself.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool);

    /// @notice The registry deciding who may hold coin.
    function registry() external view returns (ICommonsRegistry);

    /// @notice Coin governance may mint per year after the initial allocation.
    function yearlyMintCap() external view returns (uint256);

    /// @notice The year index now: (now - deployment) / 365 days.
    function currentYear() external view returns (uint256);

    /// @notice Coin minted by governance in `year`.
    function mintedInYear(uint256 year) external view returns (uint256);
}
