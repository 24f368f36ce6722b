// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {ISpinCoin} from "../interfaces/ISpinCoin.sol";

/// @title SPIN, the commons' coin
/// @notice An ERC-20 with EIP-2612 permit that only the commons may hold or move: every balance
/// change passes one registry check in `_update` (the sender and the recipient; for a mint, the
/// recipient), and `transferFrom` also requires the spender to be allowed. It carries no voting
/// power (votes are one per member, in the registry), so a transfer costs close to a plain
/// ERC-20's. The initial allocation is minted once to the common fund; governance mints more
/// within a yearly cap fixed at deployment.
contract SpinCoin is ERC20Permit, AccessControl, ISpinCoin {
    /// @inheritdoc ISpinCoin
    ICommonsRegistry public immutable registry;
    /// @notice Coin minted by `mintInitialAllocation`.
    uint256 public immutable initialAllocation;
    /// @inheritdoc ISpinCoin
    uint256 public immutable yearlyMintCap;
    /// @notice When the coin was deployed: year 0 starts here.
    uint256 public immutable deployedAt;

    /// @notice Whether the initial allocation has been minted.
    bool public initialAllocationMinted;
    /// @inheritdoc ISpinCoin
    mapping(uint256 year => uint256) public mintedInYear;

    /// @param registry_ The commons registry deciding who may hold coin.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (the deployer, then the timelock).
    /// @param initialAllocation_ Minted once by `mintInitialAllocation`, outside the yearly cap.
    /// @param yearlyMintCap_ The most governance may mint per year.
    constructor(
        ICommonsRegistry registry_,
        address admin,
        uint256 initialAllocation_,
        uint256 yearlyMintCap_
    ) ERC20("SPIN", "SPIN") ERC20Permit("SPIN") {
        if (address(registry_) == address(0) || admin == address(0)) revert SpinCoinZeroAddress();
        registry = registry_;
        initialAllocation = initialAllocation_;
        yearlyMintCap = yearlyMintCap_;
        deployedAt = block.timestamp;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc ISpinCoin
    function mintInitialAllocation(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (recipient == address(0)) revert SpinCoinZeroAddress();
        if (initialAllocationMinted) revert SpinCoinInitialAllocationAlreadyMinted(recipient);
        initialAllocationMinted = true;
        _mint(recipient, initialAllocation);
        emit InitialAllocationMinted(recipient, initialAllocation);
    }

    /// @inheritdoc ISpinCoin
    function mint(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert SpinCoinZeroAddress();
        uint256 year = currentYear();
        uint256 minted = mintedInYear[year];
        if (amount > yearlyMintCap - minted) revert SpinCoinYearlyCapExceeded(year, minted, amount, yearlyMintCap);
        mintedInYear[year] = minted + amount;
        _mint(to, amount);
        emit Minted(to, amount, year, minted + amount);
    }

    /// @inheritdoc ISpinCoin
    function canTransfer(address from, address to, uint256) external view returns (bool) {
        if (from == address(0)) return registry.isAllowed(to);
        (bool fromAllowed, bool toAllowed) = registry.areAllowed(from, to);
        return fromAllowed && toAllowed;
    }

    /// @inheritdoc ISpinCoin
    function currentYear() public view returns (uint256) {
        return (block.timestamp - deployedAt) / 365 days;
    }

    /// @dev The one permission check: a mint needs an allowed recipient; a transfer an allowed
    /// sender and recipient. (No burn path exists: `to` is never zero here.)
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0)) {
            if (!registry.isAllowed(to)) revert SpinCoinRecipientNotAllowed(to, registry.statusOf(to));
        } else {
            (bool fromAllowed, bool toAllowed) = registry.areAllowed(from, to);
            if (!fromAllowed) revert SpinCoinSenderNotAllowed(from, registry.statusOf(from));
            if (!toAllowed) revert SpinCoinRecipientNotAllowed(to, registry.statusOf(to));
        }
        super._update(from, to, value);
    }

    /// @dev Whoever moves coin on someone's behalf must be allowed too: a suspended account
    /// cannot use allowances it was given before.
    function _spendAllowance(address owner, address spender, uint256 value) internal override {
        if (!registry.isAllowed(spender)) revert SpinCoinSpenderNotAllowed(spender, registry.statusOf(spender));
        super._spendAllowance(owner, spender, value);
    }
}
