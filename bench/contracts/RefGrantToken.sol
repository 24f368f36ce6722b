// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Gas reference only: a plain OpenZeppelin ERC20 the reference timelock pays a grant in.
contract RefGrantToken is ERC20 {
    constructor() ERC20("Reference Grant", "RG") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
