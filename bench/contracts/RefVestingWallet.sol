// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @notice Gas reference only: OpenZeppelin's linear VestingWallet, to compare a stream claim with.
contract RefVestingWallet is VestingWallet {
    constructor(address beneficiary, uint64 start, uint64 duration) VestingWallet(beneficiary, start, duration) {}
}
