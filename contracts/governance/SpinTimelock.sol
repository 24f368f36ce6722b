// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title SPIN's timelock: OpenZeppelin's TimelockController, unchanged
/// @notice Executes what the governor decided after `getMinDelay()` seconds, and holds the
/// governance admin role of every SPIN contract. This subclass exists only so deployment and
/// typed bindings have a local artifact.
contract SpinTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and execution.
    /// @param proposers Accounts that may schedule and cancel (the governor).
    /// @param executors Accounts that may execute (the governor).
    /// @param admin Optional temporary admin for setup (address(0) for none); renounced after.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
