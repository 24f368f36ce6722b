// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Panic} from "@openzeppelin/contracts/utils/Panic.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";
import {IMemberVotes} from "../interfaces/IMemberVotes.sol";
import {ISpinGovernor} from "../interfaces/ISpinGovernor.sol";

/// @title Vote counting with delegate override and late-quorum protection, in one storage slot
/// @notice Behaves like OpenZeppelin's GovernorCountingOverridable plus GovernorPreventLateQuorum
/// (same ABI, events and errors): For / Against / Abstain; a member who delegated can vote
/// directly on any proposal, which takes its own vote out of its delegate's; quorum counts For and
/// Abstain; when a vote reaches quorum, voting stays open at least `lateQuorumVoteExtension` more.
/// @dev Why not the OpenZeppelin modules as they are: they keep the three totals in three slots
/// and the extended deadline in a fourth, and recompute the quorum (an external call and two
/// checkpoint searches) on every vote until it is reached. Here a proposal's totals, its quorum
/// (cached at the first vote: the snapshot is past, so it cannot change) and its extended deadline
/// share one word, and an account's receipt another, each read and written once per vote.
/// Totals are 48-bit: with one vote per member they cannot overflow; a larger weight reverts
/// that vote only.
abstract contract SpinVoteCounting is GovernorVotes, ISpinGovernor {
    /// @inheritdoc ISpinGovernor
    bytes32 public constant OVERRIDE_BALLOT_TYPEHASH = keccak256(
        "OverrideBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)"
    );

    uint8 private constant AGAINST = 0;
    uint8 private constant FOR = 1;
    uint8 private constant ABSTAIN = 2;

    /// @dev A proposal's tally, 48 bits per field from low to high: Against, For, Abstain (indexed
    /// by support), quorum + 1 (0 until the first vote caches it), extended deadline (0 until
    /// quorum is first reached). Constants are literals: the legacy optimizer would recompute
    /// constant expressions, with overflow checks, at every use.
    struct Tally {
        uint256 word;
    }
    uint256 private constant FIELD_BITS = 48;
    uint256 private constant FIELD_MASK = 0xffffffffffff;
    uint256 private constant QUORUM_SHIFT = 144;
    uint256 private constant EXTENDED_SHIFT = 192;

    /// @dev An account's receipt on a proposal: bits 0-7 are support + 1 once it voted with its
    /// delegated votes (0 before); bit 8 is set once it voted directly (override); bits 16 and up
    /// hold the weight its delegators took back by overriding before it voted.
    struct Receipt {
        uint256 word;
    }
    uint256 private constant CASTED_MASK = 0xff;
    uint256 private constant OVERRIDDEN_FLAG = 0x100;
    uint256 private constant OVERRIDDEN_WEIGHT_SHIFT = 16;

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
        return _receipts[proposalId][account].word & CASTED_MASK != 0;
    }

    /// @inheritdoc ISpinGovernor
    function hasVotedOverride(uint256 proposalId, address account) public view virtual returns (bool) {
        return _receipts[proposalId][account].word & OVERRIDDEN_FLAG != 0;
    }

    /// @inheritdoc ISpinGovernor
    function proposalVotes(
        uint256 proposalId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        uint256 t = _tallies[proposalId].word;
        return (_field(t, AGAINST), _field(t, FOR), _field(t, ABSTAIN));
    }

    /// @notice The end of voting, pushed back when quorum was reached late.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        return Math.max(super.proposalDeadline(proposalId), _tallies[proposalId].word >> EXTENDED_SHIFT);
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
        if (!SignatureChecker.isValidSignatureNow(voter, digest, signature))
            revert GovernorInvalidSignature(voter);
        return _castOverride(proposalId, voter, support, reason);
    }

    /// @inheritdoc Governor
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        uint256 t = _tallies[proposalId].word;
        uint256 quorumPlusOne = (t >> QUORUM_SHIFT) & FIELD_MASK;
        uint256 required = quorumPlusOne == 0 ? quorum(proposalSnapshot(proposalId)) : quorumPlusOne - 1;
        return required <= _field(t, FOR) + _field(t, ABSTAIN);
    }

    /// @inheritdoc Governor
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        uint256 t = _tallies[proposalId].word;
        return _field(t, FOR) > _field(t, AGAINST);
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
        uint256 r = receipt.word;
        if (r & CASTED_MASK != 0) revert GovernorAlreadyCastVote(account);
        // Unchecked: what delegators took back was part of `totalWeight` at the snapshot; were the
        // token ever inconsistent, the wrapped weight would exceed 48 bits and `_add` would revert.
        unchecked {
            weight = totalWeight - (r >> OVERRIDDEN_WEIGHT_SHIFT);
            receipt.word = r | (uint256(support) + 1);
        }
        Tally storage tally = _tallies[proposalId];
        tally.word = _extendIfQuorumReached(proposalId, _add(tally.word, support, weight));
    }

    /// @dev Counts `account`'s own vote and takes it out of its delegate's, whether the delegate
    /// voted already (its total is reduced now) or not (its vote will count without it). Only a
    /// member in good standing overrides: a suspended or expelled one is refused even if it held
    /// its vote at the snapshot.
    function _countOverride(
        uint256 proposalId,
        address account,
        uint8 support
    ) internal virtual returns (uint256) {
        if (support > ABSTAIN) revert GovernorInvalidVoteType();
        (uint256 weight, address delegate, bool inGoodStanding) = IMemberVotes(address(token())).ownVoteOf(
            account,
            proposalSnapshot(proposalId)
        );
        if (!inGoodStanding) _revertNotInGoodStanding(account);
        Receipt storage receipt = _receipts[proposalId][account];
        uint256 r = receipt.word;
        if (r & OVERRIDDEN_FLAG != 0) revert GovernorAlreadyOverriddenVote(account);
        receipt.word = r | OVERRIDDEN_FLAG;

        Tally storage tally = _tallies[proposalId];
        uint256 t = _takeBack(proposalId, delegate, weight, _add(tally.word, support, weight));
        tally.word = _extendIfQuorumReached(proposalId, t);
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

    /// @dev Refuses `account`, naming its kind and status (read only on this failure path).
    function _revertNotInGoodStanding(address account) internal view {
        ICommonsRegistry.Standing memory s = ICommonsRegistry(address(token())).standingOf(account);
        revert SpinGovernorNotInGoodStanding(account, s.kind, s.status);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        uint256 maxVoteExtension = votingPeriod();
        if (newVoteExtension > maxVoteExtension) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, maxVoteExtension);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    /// @dev Takes an overriding member's `weight` out of its delegate's vote in tally `t`, or, if
    /// the delegate has not voted yet, records it so the delegate's vote will count without it.
    /// The delegate's receipt is read after the override flag was written: the delegate may be
    /// the overriding member itself.
    function _takeBack(
        uint256 proposalId,
        address delegate,
        uint256 weight,
        uint256 t
    ) private returns (uint256) {
        Receipt storage delegateReceipt = _receipts[proposalId][delegate];
        uint256 d = delegateReceipt.word;
        uint256 delegateCasted = d & CASTED_MASK;
        if (delegateCasted == 0) {
            delegateReceipt.word = d + (weight << OVERRIDDEN_WEIGHT_SHIFT);
            return t;
        }
        uint8 delegateSupport = uint8(delegateCasted - 1);
        emit VoteReduced(delegate, proposalId, delegateSupport, weight);
        return _sub(t, delegateSupport, weight);
    }

    /// @dev The first time a vote brings For + Abstain to the quorum, voting is kept open until at
    /// least `lateQuorumVoteExtension` after now. The quorum is cached in the tally at the first
    /// vote (when it fits in 48 bits), so later votes need no external call to check it.
    function _extendIfQuorumReached(uint256 proposalId, uint256 t) private returns (uint256) {
        if (t >> EXTENDED_SHIFT != 0) return t;
        // Unchecked: every field is below 2^48, so sums and the decrement cannot wrap.
        unchecked {
            uint256 counted = ((t >> FIELD_BITS) & FIELD_MASK) + ((t >> (2 * FIELD_BITS)) & FIELD_MASK);
            uint256 quorumPlusOne = (t >> QUORUM_SHIFT) & FIELD_MASK;
            if (quorumPlusOne != 0) {
                if (counted < quorumPlusOne - 1) return t;
            } else {
                uint256 required = quorum(proposalSnapshot(proposalId));
                if (required < FIELD_MASK) t |= (required + 1) << QUORUM_SHIFT;
                if (counted < required) return t;
            }
        }
        uint48 extended = clock() + _voteExtension;
        if (extended > super.proposalDeadline(proposalId)) emit ProposalExtended(proposalId, extended);
        return t | (uint256(extended) << EXTENDED_SHIFT);
    }

    /// @dev The total of `support` in the packed tally `t`.
    function _field(uint256 t, uint8 support) private pure returns (uint256) {
        unchecked {
            return (t >> (uint256(support) * FIELD_BITS)) & FIELD_MASK;
        }
    }

    /// @dev Adds `weight` to the total of `support`; reverts rather than overflow into the next field.
    function _add(uint256 t, uint8 support, uint256 weight) private pure returns (uint256) {
        unchecked {
            uint256 shift = uint256(support) * FIELD_BITS;
            uint256 total = ((t >> shift) & FIELD_MASK) + weight;
            if (weight > FIELD_MASK || total > FIELD_MASK) {
                revert SafeCast.SafeCastOverflowedUintDowncast(uint8(FIELD_BITS), weight);
            }
            return t + (weight << shift);
        }
    }

    /// @dev Takes `weight` off the total of `support`; never borrows from the next field.
    function _sub(uint256 t, uint8 support, uint256 weight) private pure returns (uint256) {
        if (_field(t, support) < weight) Panic.panic(Panic.UNDER_OVERFLOW);
        unchecked {
            return t - (weight << (uint256(support) * FIELD_BITS));
        }
    }
}
