// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IWorksRegistry} from "../interfaces/IWorksRegistry.sol";

/// @title Who may claim a content hash: commit and reveal, the earliest commitment first
/// @notice A registrant commits to `commitmentFor(hash, registrant, salt)` before anyone can see
/// the hash (before uploading its bundle), then reveals it by registering the work or adding the
/// version, at least one block later. Someone who only sees the hash afterwards (the uploaded
/// bundle, the pending transaction) cannot have an older commitment: if they register first
/// anyway, the author's older commitment takes the hash back within `PRIORITY_WINDOW`, and their
/// work is suspended. Governance settles what priority cannot (an author who published before
/// committing) by releasing or reserving the hash (`_releaseHash`).
abstract contract ContentClaims is IWorksRegistry {
    /// @notice How long after a hash is claimed an older commitment to it may still take it over.
    uint256 public constant PRIORITY_WINDOW = 30 days;
    /// @dev The `version` of a hash entry governance reserved for someone (no work holds it).
    uint32 private constant RESERVED = type(uint32).max;

    /// @dev Where a content hash was registered (work id and 1-based version), the block of the
    /// commitment that claimed it (0: governance's assignment) and when, one slot.
    struct HashEntry {
        uint64 workId;
        uint32 version;
        uint64 committedAt;
        uint40 claimedAt;
    }

    /// @dev The version history: every content hash names its work and version. The ordered list
    /// per work is in the VersionAdded events (a per-work array would cost every registration a slot).
    mapping(bytes32 contentHash => HashEntry) private _hashes;
    mapping(bytes32 commitment => uint64 blockNumber) private _commitments;
    mapping(bytes32 contentHash => address registrant) private _reservations;

    /// @inheritdoc IWorksRegistry
    function commitRegistration(bytes32 commitment) external {
        _requireParticipant(msg.sender);
        uint64 existing = _commitments[commitment];
        if (existing != 0) revert WorksAlreadyCommitted(commitment, existing);
        _commitments[commitment] = uint64(block.number);
        emit RegistrationCommitted(commitment, msg.sender, uint64(block.number));
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IWorksRegistry
    function workOfHash(bytes32 contentHash) external view returns (uint256 workId, uint32 version) {
        HashEntry memory entry = _hashes[contentHash];
        if (entry.workId == 0) return (0, 0);
        return (entry.workId, entry.version);
    }

    /// @inheritdoc IWorksRegistry
    function commitmentFor(
        bytes32 contentHash,
        address registrant,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(contentHash, registrant, salt));
    }

    /// @inheritdoc IWorksRegistry
    function commitmentOf(bytes32 commitment) external view returns (uint64 blockNumber) {
        return _commitments[commitment];
    }

    /// @inheritdoc IWorksRegistry
    function claimOf(
        bytes32 contentHash
    ) external view returns (uint64 committedAt, uint40 contestableUntil, address reservedFor) {
        HashEntry memory entry = _hashes[contentHash];
        if (entry.committedAt != 0) contestableUntil = uint40(entry.claimedAt + PRIORITY_WINDOW);
        return (entry.committedAt, contestableUntil, _reservations[contentHash]);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Who may commit: the registry's admitted participants.
    function _requireParticipant(address account) internal view virtual;

    /// @dev Suspends the work that loses a hash to an older commitment or to governance.
    function _suspendHolder(uint256 workId, string memory reason) internal virtual;

    /// @dev Content hashes are unique across all works and versions. The caller reveals its
    /// commitment; a hash held or reserved goes to `_contest`.
    function _claimHash(bytes32 contentHash, uint256 workId, uint32 version, bytes32 salt) internal {
        if (contentHash == bytes32(0)) revert WorksZeroContentHash();
        bytes32 commitment = commitmentFor(contentHash, msg.sender, salt);
        uint64 committedAt = _commitments[commitment];
        if (committedAt == 0) revert WorksNoCommitment(commitment);
        if (committedAt >= block.number) revert WorksCommitmentTooRecent(commitment, committedAt);
        delete _commitments[commitment];
        HashEntry memory entry = _hashes[contentHash];
        if (entry.version != 0) committedAt = _contest(contentHash, entry, committedAt, workId, version);
        _hashes[contentHash] = HashEntry(uint64(workId), version, committedAt, uint40(block.timestamp));
    }

    /// @dev A hash reserved for the caller is theirs for good (returns 0: no commitment can be
    /// older); a hash another work holds is taken over only by an older commitment within
    /// `PRIORITY_WINDOW` of its claim, and the holder is suspended. Returns the block to record.
    function _contest(
        bytes32 contentHash,
        HashEntry memory entry,
        uint64 committedAt,
        uint256 workId,
        uint32 version
    ) private returns (uint64) {
        if (entry.version == RESERVED) {
            address reservedFor = _reservations[contentHash];
            if (reservedFor != msg.sender) revert WorksContentHashReserved(contentHash, reservedFor);
            delete _reservations[contentHash];
            return 0;
        }
        uint256 holder = entry.workId;
        bool older = committedAt < entry.committedAt && block.timestamp <= entry.claimedAt + PRIORITY_WINDOW;
        if (!older || holder == workId) revert WorksContentHashTaken(contentHash, holder);
        _suspendHolder(holder, "superseded by an earlier commitment");
        emit ContentHashSuperseded(contentHash, holder, workId, version);
        return committedAt;
    }

    /// @dev Takes a hash from its holder (returned; 0 when none) and reserves it for `to`, or frees
    /// it when `to` is zero. Fails for a hash nobody holds and nobody is reserved.
    function _releaseHash(bytes32 contentHash, address to) internal returns (uint256 holder) {
        HashEntry memory entry = _hashes[contentHash];
        holder = entry.workId;
        if (holder == 0 && entry.version != RESERVED) revert WorksUnknownContentHash(contentHash);
        if (to == address(0)) {
            delete _hashes[contentHash];
            delete _reservations[contentHash];
        } else {
            _hashes[contentHash] = HashEntry(0, RESERVED, 0, 0);
            _reservations[contentHash] = to;
        }
    }
}
