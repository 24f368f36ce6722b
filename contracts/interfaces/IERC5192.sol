// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title ERC-5192: minimal soulbound NFTs
interface IERC5192 {
    /// @notice Emitted when the locking status of `tokenId` becomes locked.
    event Locked(uint256 tokenId);
    /// @notice Emitted when the locking status of `tokenId` becomes unlocked.
    event Unlocked(uint256 tokenId);

    /// @notice Whether `tokenId` is locked (bound to its owner). Throws for nonexistent tokens.
    function locked(uint256 tokenId) external view returns (bool);
}
