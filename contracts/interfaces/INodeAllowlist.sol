// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The chain's node allowlist, managed by governance
/// @notice Events and errors are declared in ICommonsRegistry.
interface INodeAllowlist {
    /// @notice Allows the node `enodeId`@`host`:`port` run by `owner` (an admitted Place or
    /// Cooperative). `enodeId` is the node's public key as 128 lowercase hex characters, as Besu
    /// passes it to `connectionAllowed`. Emits EnodeAdded.
    /// @dev Only DEFAULT_ADMIN_ROLE. Reverts CommonsRegistryInvalidEnode, CommonsRegistryZeroAddress,
    /// CommonsRegistryInvalidEnodeOwner, CommonsRegistryEnodeExists.
    function addEnode(string calldata enodeId, string calldata host, uint16 port, address owner) external;

    /// @notice Removes a node from the allowlist. Emits EnodeRemoved.
    /// @dev Only DEFAULT_ADMIN_ROLE. Reverts CommonsRegistryUnknownEnode.
    function removeEnode(string calldata enodeId, string calldata host, uint16 port) external;
}
