// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {ISpinGovernor} from "../interfaces/ISpinGovernor.sol";
import {IVotesExtended} from "../interfaces/IVotesExtended.sol";

/// @title Vote counting with delegate override and late-quorum protection, in one storage slot
/// @notice Behaves like OpenZeppelin's GovernorCountingOverridable plus GovernorPreventLateQuorum
/// (same ABI, events and errors): For / Against / Abstain; a member who delegated can vote
/// directly on any proposal, which takes its own vote out of its delegate's; quorum counts For and
/// Abstain; when a vote reaches quorum, voting stays open at least `lateQuorumVoteExtension` more.
/// @dev Why not the OpenZeppelin modules as they are: they keep the three totals in three slots
/// and the extended deadline in a fourth, and recompute the quorum (an external call and two
/// checkpoint searches) on every vote until it is reached. Here a proposal's totals, its quorum
/// (cached at the first vote: the snapshot is past, so it cannot change) and its extended deadline
/// share one slot, so a vote costs no more than with GovernorCountingSimple. Totals are uint48:
/// with one vote per member they cannot overflow; a larger weight reverts that vote only.
abstract contract SpinVoteCounting is GovernorVotes, ISpinGovernor {
    using SafeCast for uint256;

    /// @inheritdoc ISpinGovernor
    bytes32 public constant OVERRIDE_BALLOT_TYPEHASH =
        keccak256("OverrideBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)");

    uint8 private constant AGAINST = 0;
    uint8 private constant FOR = 1;
    uint8 private constant ABSTAIN = 2;

    /// @dev One proposal's count. `quorumPlusOne` is 0 until the first vote caches the quorum.
    /// `extendedDeadline` is 0 until quorum is first reached (then clock + extension).
    struct Tally {
        uint48 against;
        uint48 forVotes;
        uint48 abstain;
        uint48 quorumPlusOne;
        uint48 extendedDeadline;
    }

    /// @dev One account on one proposal: `casted` is support + 1 once it voted with its delegated
    /// votes; `overriddenWeight` is how much of those its delegators took back by voting directly
    /// before it voted.
    struct Receipt {
        uint8 casted;
        bool hasOverridden;
        uint208 overriddenWeight;
    }

    mapping(uint256 proposalId => Tally) private _tallies;
    mapping(uint256 proposalId => mapping(address account => Receipt)) private _receipts;
    uint48 private _voteExtension;

    constructor(uint48 initialVoteExtension) {
        _setLateQuorumVoteExtension(initialVoteExtension);
    }

    /// @notice How votes are counted, in the IGovernor format.
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo,override&quorum=for,abstain&overridable=true";
    }

    /// @notice True when `account` voted with its delegated votes (castVote and variants).
    /// An override vote is reported by `hasVotedOverride`.
    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _receipts[proposalId][account].casted != 0;
    }

    /// @inheritdoc ISpinGovernor
    function hasVotedOverride(uint256 proposalId, address account) public view virtual returns (bool) {
        return _receipts[proposalId][account].hasOverridden;
    }

    /// @inheritdoc ISpinGovernor
    function proposalVotes(
        uint256 proposalId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        Tally storage t = _tallies[proposalId];
        return (t.against, t.forVotes, t.abstain);
    }

    /// @notice The end of voting, pushed back when quorum was reached late.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        return Math.max(super.proposalDeadline(proposalId), _tallies[proposalId].extendedDeadline);
    }

    /// @inheritdoc ISpinGovernor
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _voteExtension;
    }

    /// @inheritdoc ISpinGovernor
    /// @dev Caller: governance (the timelock). Emits {LateQuorumVoteExtensionSet}. Fails with
    /// GovernorPreventLateQuorumVoteExtensionTooLarge beyond the voting period.
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @inheritdoc ISpinGovernor
    function castOverrideVote(
        uint256 proposalId,
        uint8 support,
        string calldata reason
    ) public virtual returns (uint256) {
        return _castOverride(proposalId, _msgSender(), support, reason);
    }

    /// @inheritdoc ISpinGovernor
    /// @dev Fails with GovernorInvalidSignature unless `voter` signed the ballot with its next nonce.
    function castOverrideVoteBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string calldata reason,
        bytes calldata signature
    ) public virtual returns (uint256) {
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    OVERRIDE_BALLOT_TYPEHASH,
                    proposalId,
                    support,
                    voter,
                    _useNonce(voter),
                    keccak256(bytes(reason))
                )
            )
        );
        if (!SignatureChecker.isValidSignatureNow(voter, digest, signature)) revert GovernorInvalidSignature(voter);
        return _castOverride(proposalId, voter, support, reason);
    }

    /// @inheritdoc Governor
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        Tally memory t = _tallies[proposalId];
        uint256 required = t.quorumPlusOne == 0 ? quorum(proposalSnapshot(proposalId)) : t.quorumPlusOne - 1;
        return required <= uint256(t.forVotes) + t.abstain;
    }

    /// @inheritdoc Governor
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        Tally storage t = _tallies[proposalId];
        return t.forVotes > t.against;
    }

    /// @dev Counts `account`'s delegated votes, less what its delegators already took back.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory /* params */
    ) internal virtual override returns (uint256 weight) {
        if (support > ABSTAIN) revert GovernorInvalidVoteType();
        Receipt storage receipt = _receipts[proposalId][account];
        if (receipt.casted != 0) revert GovernorAlreadyCastVote(account);
        weight = totalWeight - receipt.overriddenWeight;
        receipt.casted = support + 1;

        Tally memory t = _tallies[proposalId];
        _add(t, support, weight);
        _extendIfQuorumReached(proposalId, t);
        _tallies[proposalId] = t;
    }

    /// @dev Counts `account`'s own vote and takes it out of its delegate's, whether the delegate
    /// voted already (its total is reduced now) or not (its vote will count without it).
    function _countOverride(uint256 proposalId, address account, uint8 support) internal virtual returns (uint256) {
        if (support > ABSTAIN) revert GovernorInvalidVoteType();
        Receipt storage receipt = _receipts[proposalId][account];
        if (receipt.hasOverridden) revert GovernorAlreadyOverriddenVote(account);
        receipt.hasOverridden = true;

        uint256 snapshot = proposalSnapshot(proposalId);
        IVotesExtended votes = IVotesExtended(address(token()));
        uint256 weight = votes.getPastBalanceOf(account, snapshot);
        address delegate = votes.getPastDelegate(account, snapshot);

        Tally memory t = _tallies[proposalId];
        _add(t, support, weight);
        Receipt storage delegateReceipt = _receipts[proposalId][delegate];
        uint8 delegateCasted = delegateReceipt.casted;
        if (delegateCasted == 0) {
            delegateReceipt.overriddenWeight += weight.toUint208();
        } else {
            uint8 delegateSupport = delegateCasted - 1;
            _sub(t, delegateSupport, weight);
            emit VoteReduced(delegate, proposalId, delegateSupport, weight);
        }
        _extendIfQuorumReached(proposalId, t);
        _tallies[proposalId] = t;
        return weight;
    }

    /// @dev `castOverrideVote` after the caller (or signer) is known: only while voting is open.
    function _castOverride(
        uint256 proposalId,
        address account,
        uint8 support,
        string calldata reason
    ) internal virtual returns (uint256 weight) {
        _validateStateBitmap(proposalId, _encodeStateBitmap(ProposalState.Active));
        weight = _countOverride(proposalId, account, support);
        emit OverrideVoteCast(account, proposalId, support, weight, reason);
        _tallyUpdated(proposalId);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        uint256 maxVoteExtension = votingPeriod();
        if (newVoteExtension > maxVoteExtension) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, maxVoteExtension);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    /// @dev The first time a vote brings For + Abstain to the quorum, voting is kept open until at
    /// least `lateQuorumVoteExtension` after now. The quorum is cached in the tally at the first
    /// vote (when it fits in 48 bits), so later votes need no external call to check it.
    function _extendIfQuorumReached(uint256 proposalId, Tally memory t) private {
        if (t.extendedDeadline != 0) return;
        uint256 required;
        if (t.quorumPlusOne == 0) {
            required = quorum(proposalSnapshot(proposalId));
            if (required < type(uint48).max) t.quorumPlusOne = uint48(required + 1);
        } else {
            required = t.quorumPlusOne - 1;
        }
        if (uint256(t.forVotes) + t.abstain < required) return;
        uint48 extended = clock() + _voteExtension;
        if (extended > super.proposalDeadline(proposalId)) emit ProposalExtended(proposalId, extended);
        t.extendedDeadline = extended;
    }

    function _add(Tally memory t, uint8 support, uint256 weight) private pure {
        uint48 w = weight.toUint48();
        if (support == FOR) t.forVotes += w;
        else if (support == AGAINST) t.against += w;
        else t.abstain += w;
    }

    function _sub(Tally memory t, uint8 support, uint256 weight) private pure {
        uint48 w = uint48(weight);
        if (support == FOR) t.forVotes -= w;
        else if (support == AGAINST) t.against -= w;
        else t.abstain -= w;
    }
}
