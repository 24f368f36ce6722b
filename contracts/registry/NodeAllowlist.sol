// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {INodeAllowlist} from "../interfaces/INodeAllowlist.sol";
import {Participants} from "./Participants.sol";

/// @title The chain's node allowlist: enodes run by admitted Places and Cooperatives
/// @notice Besu asks `connectionAllowed` for every peer. A node is allowed while it is on the
/// list AND its owner is still admitted and unsuspended, so suspending a Place cuts its nodes off
/// at once without a second governance action. Anything not on the list is refused (fail closed).
abstract contract NodeAllowlist is Participants, AccessControl, INodeAllowlist {
    /// @dev Length of a node id: a 512-bit public key in hex, without prefix.
    uint256 private constant ENODE_ID_LENGTH = 128;
    /// @dev The longest DNS name.
    uint256 private constant MAX_HOST_LENGTH = 253;

    /// @dev The listed nodes' keys, keccak256(enodeId, host, port), in list order.
    bytes32[] private _enodeKeys;
    mapping(bytes32 key => Enode) private _enodeOf;
    /// @dev Index in `_enodeKeys` plus one (zero: not listed).
    mapping(bytes32 key => uint256) private _enodePosition;

    /// @inheritdoc INodeAllowlist
    function addEnode(
        string calldata enodeId,
        string calldata host,
        uint16 port,
        address owner
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_isNodeId(enodeId) || bytes(host).length == 0 || bytes(host).length > MAX_HOST_LENGTH || port == 0) {
            revert CommonsRegistryInvalidEnode(enodeId, host, port);
        }
        if (owner == address(0)) revert CommonsRegistryZeroAddress();
        Participant storage p = _participants[owner];
        if (p.status != Status.Admitted || (p.kind != Kind.Place && p.kind != Kind.Cooperative)) {
            revert CommonsRegistryInvalidEnodeOwner(owner, p.kind, p.status);
        }
        bytes32 key = _enodeKey(enodeId, host, port);
        if (_enodePosition[key] != 0) revert CommonsRegistryEnodeExists(enodeId, host, port);
        _enodeKeys.push(key);
        _enodePosition[key] = _enodeKeys.length;
        _enodeOf[key] = Enode(enodeId, host, port, owner);
        emit EnodeAdded(enodeId, host, port, owner);
    }

    /// @inheritdoc INodeAllowlist
    function removeEnode(
        string calldata enodeId,
        string calldata host,
        uint16 port
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        bytes32 key = _enodeKey(enodeId, host, port);
        uint256 position = _enodePosition[key];
        if (position == 0) revert CommonsRegistryUnknownEnode(enodeId, host, port);
        address owner = _enodeOf[key].owner;

        bytes32 lastKey = _enodeKeys[_enodeKeys.length - 1];
        _enodeKeys[position - 1] = lastKey;
        _enodePosition[lastKey] = position;
        _enodeKeys.pop();
        delete _enodePosition[key];
        delete _enodeOf[key];
        emit EnodeRemoved(enodeId, host, port, owner);
    }

    /// @notice Besu node rule: true only for a listed node whose owner is admitted and unsuspended.
    function connectionAllowed(
        string calldata enodeId,
        string calldata enodeHost,
        uint16 enodePort
    ) external view returns (bool) {
        bytes32 key = _enodeKey(enodeId, enodeHost, enodePort);
        if (_enodePosition[key] == 0) return false;
        return _participants[_enodeOf[key].owner].status == Status.Admitted;
    }

    /// @notice How many enodes are on the allowlist now.
    function enodeCount() external view returns (uint256) {
        return _enodeKeys.length;
    }

    /// @notice The `index`-th enode on the allowlist (order changes when one is removed).
    /// @dev Reverts CommonsRegistryIndexOutOfRange.
    function enodeAt(uint256 index) external view returns (Enode memory) {
        uint256 count = _enodeKeys.length;
        if (index >= count) revert CommonsRegistryIndexOutOfRange(index, count);
        return _enodeOf[_enodeKeys[index]];
    }

    function _enodeKey(string calldata enodeId, string calldata host, uint16 port) private pure returns (bytes32) {
        return keccak256(abi.encode(enodeId, host, port));
    }

    /// @dev 128 lowercase hex characters.
    function _isNodeId(string calldata enodeId) private pure returns (bool) {
        bytes calldata id = bytes(enodeId);
        if (id.length != ENODE_ID_LENGTH) return false;
        for (uint256 i = 0; i < ENODE_ID_LENGTH; ++i) {
            bytes1 c = id[i];
            if (!((c >= "0" && c <= "9") || (c >= "a" && c <= "f"))) return false;
        }
        return true;
    }
}
