// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Plain OpenZeppelin ERC20, the reference for a coin transfer.
contract ReferenceERC20 is ERC20 {
    constructor() ERC20("Reference", "REF") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
