// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title What SPIN's governor adds to the standard IGovernor ABI
/// @notice The same functions, events and errors as OpenZeppelin's GovernorCountingOverridable and
/// GovernorPreventLateQuorum, so tools that know those modules read SPIN's governor unchanged;
/// plus a quorum floor, and the refusal of votes from accounts not in good standing.
interface ISpinGovernor {
    /// @notice The votes cast by `delegate` were reduced by `weight` because a member who had
    /// delegated to it voted on `proposalId` directly.
    event VoteReduced(address indexed delegate, uint256 proposalId, uint8 support, uint256 weight);

    /// @notice `voter` voted directly on `proposalId` with its own `weight`, overriding its delegate.
    event OverrideVoteCast(
        address indexed voter,
        uint256 proposalId,
        uint8 support,
        uint256 weight,
        string reason
    );

    /// @notice Quorum was reached late: voting on `proposalId` now ends at `extendedDeadline`.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice Governance changed how long voting stays open after quorum is reached.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    /// @notice Governance changed the least number of votes a quorum may be (unless fewer members
    /// hold votes). Applies to proposals whose snapshot is after the change.
    event QuorumFloorSet(uint256 oldQuorumFloor, uint256 newQuorumFloor);

    /// @notice Only members in good standing (admitted, unsuspended Persons) vote or propose, by
    /// transaction or by signature; `account` is of `kind` with `status`.
    error SpinGovernorNotInGoodStanding(
        address account,
        ICommonsRegistry.Kind kind,
        ICommonsRegistry.Status status
    );

    /// @notice `account` already overrode its delegate on this proposal.
    error GovernorAlreadyOverriddenVote(address account);

    /// @notice The late-quorum extension may not exceed the voting period.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);

    /// @notice The membership's ERC-6372 clock is not timestamps (it reported `mode`).
    error SpinGovernorClockNotTimestamp(string mode);

    /// @notice EIP-712 type of a signed override ballot.
    // solhint-disable-next-line func-name-mixedcase
    function OVERRIDE_BALLOT_TYPEHASH() external view returns (bytes32);

    /// @notice True when `account` voted on `proposalId` directly with its own vote (override).
    function hasVotedOverride(uint256 proposalId, address account) external view returns (bool);

    /// @notice Against, For and Abstain totals of `proposalId`.
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);

    /// @notice Votes on `proposalId` with the caller's own vote, whoever it had delegated to;
    /// the delegate's vote is reduced accordingly. A member in good standing, while the proposal
    /// is active. Emits {OverrideVoteCast} and, if the delegate already voted, {VoteReduced}.
    /// Reverts SpinGovernorNotInGoodStanding for anyone else.
    function castOverrideVote(
        uint256 proposalId,
        uint8 support,
        string calldata reason
    ) external returns (uint256);

    /// @notice `castOverrideVote` on behalf of `voter`, who signed an OverrideBallot; the same
    /// rules apply to `voter`, whoever submits it.
    function castOverrideVoteBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256);

    /// @notice How long voting stays open after the vote that reaches quorum (seconds).
    function lateQuorumVoteExtension() external view returns (uint48);

    /// @notice Sets `lateQuorumVoteExtension`. Governance only.
    function setLateQuorumVoteExtension(uint48 newVoteExtension) external;

    /// @notice The least number of votes a quorum is now (capped by the votes that exist).
    function quorumFloor() external view returns (uint256);

    /// @notice The quorum floor in force at `timepoint`.
    function quorumFloorAt(uint256 timepoint) external view returns (uint256);

    /// @notice Sets the quorum floor for proposals whose snapshot comes after this call.
    /// Governance only. Emits {QuorumFloorSet}.
    function setQuorumFloor(uint256 newQuorumFloor) external;
}
