// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title One history per account: delegate, votes received and own voting units, packed
/// @notice OpenZeppelin's VotesExtended keeps three traces per account (delegatee, delegated
/// votes, voting units) plus a delegatee mapping. Here one 248-bit checkpoint holds all three, so
/// a delegation writes one new slot per account it touches, and the latest checkpoint is the
/// current state. The number of checkpoints lives in the caller's packed account record, so the
/// length costs no slot of its own.
library VoteHistory {
    struct Checkpoint {
        uint48 timepoint;
        address delegatee;
        uint32 votes;
        uint8 units;
    }

    /// @notice The newest checkpoint (all zero when there is none).
    function latest(
        mapping(uint256 => Checkpoint) storage self,
        uint256 length
    ) internal view returns (Checkpoint memory) {
        if (length == 0) return Checkpoint(0, address(0), 0, 0);
        return self[length - 1];
    }

    /// @notice The last checkpoint taken at or before `timepoint` (all zero when none).
    function upperLookup(
        mapping(uint256 => Checkpoint) storage self,
        uint256 length,
        uint48 timepoint
    ) internal view returns (Checkpoint memory) {
        uint256 low = 0;
        uint256 high = length;
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (self[mid].timepoint > timepoint) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if (high == 0) return Checkpoint(0, address(0), 0, 0);
        return self[high - 1];
    }

    /// @notice Records `next` as the state from `next.timepoint` on: overwrites the newest
    /// checkpoint when it was taken at the same timepoint, else appends. Returns the new length.
    /// Timepoints never decrease (they are block timestamps); `newestTimepoint` is the newest
    /// checkpoint's, which the caller has already read.
    function push(
        mapping(uint256 => Checkpoint) storage self,
        uint256 length,
        uint48 newestTimepoint,
        Checkpoint memory next
    ) internal returns (uint32) {
        if (length > 0 && newestTimepoint == next.timepoint) {
            self[length - 1] = next;
            return uint32(length);
        }
        self[length] = next;
        return uint32(length + 1);
    }
}
