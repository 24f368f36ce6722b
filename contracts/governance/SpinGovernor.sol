// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {ISpinGovernor} from "../interfaces/ISpinGovernor.sol";
import {IVotesExtended} from "../interfaces/IVotesExtended.sol";
import {SpinVoteCounting} from "./SpinVoteCounting.sol";

/// @title SPIN's governor: one member, one vote, liquid delegation, executed by a timelock
/// @notice An OpenZeppelin Governor (standard IGovernor ABI and events, ERC-6372 clock taken from
/// the membership, here timestamps) over the commons registry's membership votes.
/// - Delegation is liquid: members delegate and revoke on the registry; on any proposal a member
///   may vote directly, overriding its delegate (`castOverrideVote`).
/// - Quorum is a fraction of the members at the proposal's snapshot (For + Abstain count).
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
    string private constant TIMESTAMP_MODE = "mode=timestamp";

    /// @param members The commons registry (membership votes, IERC5805 and VotesExtended history).
    /// @param timelock The TimelockController that executes proposals.
    /// @param votingDelay Seconds between a proposal and the start of voting (its snapshot).
    /// @param votingPeriod Seconds voting stays open.
    /// @param quorumPercent Percent of members (at the snapshot) whose For or Abstain votes are needed.
    /// @param lateQuorumExtension Seconds voting stays open after quorum is reached (<= votingPeriod).
    constructor(
        IVotesExtended members,
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
        if (keccak256(bytes(mode)) != keccak256(bytes(TIMESTAMP_MODE))) revert SpinGovernorClockNotTimestamp(mode);
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

    /// @notice Creates a proposal. Caller: an account with at least `proposalThreshold()` votes at
    /// the previous second, or a member who delegated its vote away (its own membership counts).
    /// Emits {ProposalCreated}. Fails as OpenZeppelin's Governor.propose, with
    /// GovernorInsufficientProposerVotes for anyone else.
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public virtual override returns (uint256) {
        address proposer = _msgSender();
        if (!_isValidDescriptionForProposer(proposer, description)) revert GovernorRestrictedProposer(proposer);
        uint256 threshold = proposalThreshold();
        if (threshold > 0) {
            uint256 timepoint = clock() - 1;
            uint256 proposerVotes = getVotes(proposer, timepoint);
            if (
                proposerVotes < threshold &&
                IVotesExtended(address(token())).getPastBalanceOf(proposer, timepoint) < threshold
            ) {
                revert GovernorInsufficientProposerVotes(proposer, proposerVotes, threshold);
            }
        }
        return _propose(targets, values, calldatas, description, proposer);
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

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
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
