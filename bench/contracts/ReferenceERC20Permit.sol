// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice Plain OpenZeppelin ERC20Permit, the reference for permit + transferFrom.
contract ReferenceERC20Permit is ERC20Permit {
    constructor() ERC20("Reference Permit", "REFP") ERC20Permit("Reference Permit") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
