// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IMemberVotes} from "../interfaces/IMemberVotes.sol";
import {ISpinGovernor} from "../interfaces/ISpinGovernor.sol";
import {SpinVoteCounting} from "./SpinVoteCounting.sol";

/// @title SPIN's governor: one member, one vote, liquid delegation, executed by a timelock
/// @notice An OpenZeppelin Governor (standard IGovernor ABI and events, ERC-6372 clock taken from
/// the membership, here timestamps) over the commons registry's membership votes.
/// - Delegation is liquid: members delegate and revoke on the registry; on any proposal a member
///   may vote directly, overriding its delegate (`castOverrideVote`).
/// - Only members in good standing (admitted, unsuspended Persons) vote, by every castVote variant
///   and override, by transaction or by signature, and propose.
/// - Quorum is a fraction of the members at the proposal's snapshot (For + Abstain count),
///   rounded up, and never below a floor (`quorumFloor`, unless fewer votes exist).
/// - A vote that reaches quorum late keeps voting open `lateQuorumVoteExtension` more.
/// - Proposing takes one member: the proposer holds one vote, or its own membership.
/// - Voting delay, period, threshold, quorum and the late-quorum extension change only through
///   governance; proposals execute through the TimelockController, which holds every admin role.
contract SpinGovernor is
    Governor,
    GovernorSettings,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    SpinVoteCounting,
    GovernorTimelockControl
{
    using Checkpoints for Checkpoints.Trace208;

    string private constant TIMESTAMP_MODE = "mode=timestamp";
    /// @notice The quorum floor at deployment: no single member decides alone.
    uint256 public constant INITIAL_QUORUM_FLOOR = 2;

    Checkpoints.Trace208 private _quorumFloorHistory;

    /// @param members The commons registry (membership votes, IERC5805 and VotesExtended history,
    /// and each voter's standing).
    /// @param timelock The TimelockController that executes proposals.
    /// @param votingDelay Seconds between a proposal and the start of voting (its snapshot).
    /// @param votingPeriod Seconds voting stays open.
    /// @param quorumPercent Percent of members (at the snapshot) whose For or Abstain votes are needed.
    /// @param lateQuorumExtension Seconds voting stays open after quorum is reached (<= votingPeriod).
    constructor(
        IMemberVotes members,
        TimelockController timelock,
        uint48 votingDelay,
        uint32 votingPeriod,
        uint256 quorumPercent,
        uint48 lateQuorumExtension
    )
        Governor("SPIN Governor")
        GovernorSettings(votingDelay, votingPeriod, 1)
        GovernorVotes(IVotes(address(members)))
        GovernorVotesQuorumFraction(quorumPercent)
        SpinVoteCounting(lateQuorumExtension)
        GovernorTimelockControl(timelock)
    {
        string memory mode = members.CLOCK_MODE();
        if (keccak256(bytes(mode)) != keccak256(bytes(TIMESTAMP_MODE)))
            revert SpinGovernorClockNotTimestamp(mode);
        _setQuorumFloor(INITIAL_QUORUM_FLOOR);
    }

    /// @notice The ERC-6372 clock: timestamps, like the membership's (checked at deployment), read
    /// here directly instead of asking the membership on every call.
    function clock() public view override(Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice The ERC-6372 clock mode: "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Governor, GovernorVotes) returns (string memory) {
        return TIMESTAMP_MODE;
    }

    /// @notice Creates a proposal. Caller: a member in good standing with at least
    /// `proposalThreshold()` votes at the previous second, or whose own membership counted that
    /// much (it delegated its vote away). Emits {ProposalCreated}. Fails as OpenZeppelin's
    /// Governor.propose, with SpinGovernorNotInGoodStanding for anyone not in good standing and
    /// GovernorInsufficientProposerVotes for a member without enough votes.
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public virtual override returns (uint256) {
        address proposer = _msgSender();
        if (!_isValidDescriptionForProposer(proposer, description))
            revert GovernorRestrictedProposer(proposer);
        IMemberVotes members = IMemberVotes(address(token()));
        uint256 timepoint = clock() - 1;
        (uint256 proposerVotes, bool inGoodStanding) = members.votingPowerOf(proposer, timepoint);
        if (!inGoodStanding) _revertNotInGoodStanding(proposer);
        uint256 threshold = proposalThreshold();
        if (proposerVotes < threshold) {
            (uint256 units, , ) = members.ownVoteOf(proposer, timepoint);
            if (units < threshold)
                revert GovernorInsufficientProposerVotes(proposer, proposerVotes, threshold);
        }
        return _propose(targets, values, calldatas, description, proposer);
    }

    /// @notice Votes needed for a quorum at `timepoint`: `quorumNumerator` percent of the votes
    /// that existed then, rounded up, and at least the quorum floor then, but never more than the
    /// votes that existed. Numerator and floor are checkpointed: a change applies only to
    /// proposals whose snapshot is later, never to one already voting or executing.
    function quorum(
        uint256 timepoint
    ) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 supply = token().getPastTotalSupply(timepoint);
        uint256 share = Math.mulDiv(
            supply,
            quorumNumerator(timepoint),
            quorumDenominator(),
            Math.Rounding.Ceil
        );
        return Math.min(supply, Math.max(share, quorumFloorAt(timepoint)));
    }

    /// @inheritdoc ISpinGovernor
    function quorumFloor() external view returns (uint256) {
        return _quorumFloorHistory.latest();
    }

    /// @inheritdoc ISpinGovernor
    function quorumFloorAt(uint256 timepoint) public view returns (uint256) {
        return _quorumFloorHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @inheritdoc ISpinGovernor
    /// @dev Caller: governance (the timelock). Reverts SafeCastOverflowedUintDowncast above 2^208.
    function setQuorumFloor(uint256 newQuorumFloor) external onlyGovernance {
        _setQuorumFloor(newQuorumFloor);
    }

    /// @dev OpenZeppelin's `_castVote`, with the voter's standing read in the same call as its
    /// votes: every castVote variant (by signature too) comes through here, and an account that
    /// is not a member in good standing is refused, whatever votes it held at the snapshot. The
    /// votes delegated to it are then cast by nobody, unless their owners override.
    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override returns (uint256) {
        _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Active));
        (uint256 totalWeight, bool inGoodStanding) = IMemberVotes(address(token())).votingPowerOf(
            account,
            proposalSnapshot(proposalId)
        );
        if (!inGoodStanding) _revertNotInGoodStanding(account);
        uint256 votedWeight = _countVote(proposalId, account, support, totalWeight, params);
        if (params.length == 0) {
            emit VoteCast(account, proposalId, support, votedWeight, reason);
        } else {
            emit VoteCastWithParams(account, proposalId, support, votedWeight, reason, params);
        }
        _tallyUpdated(proposalId);
        return votedWeight;
    }

    function _setQuorumFloor(uint256 newQuorumFloor) private {
        (uint256 old, ) = _quorumFloorHistory.push(clock(), SafeCast.toUint208(newQuorumFloor));
        emit QuorumFloorSet(old, newQuorumFloor);
    }

    // The overrides below only resolve which parent implements what.

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, SpinVoteCounting) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
