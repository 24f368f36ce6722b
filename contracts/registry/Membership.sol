// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IERC5192} from "../interfaces/IERC5192.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IMemberVotes} from "../interfaces/IMemberVotes.sol";
import {IVotesExtended} from "../interfaces/IVotesExtended.sol";
import {Participants} from "./Participants.sol";
import {VoteHistory} from "./VoteHistory.sol";

/// @title Soulbound membership of Persons, worth exactly one vote each
/// @notice A Person holds one token (id = its address) from admission to expulsion. Its single
/// voting unit sits with its delegate (itself on admission) while it is admitted, unsuspended and
/// its vote has ripened; a Person admitted by vouches gets the unit only when `ripen` is called
/// after its ripening time. Suspension takes the unit away, reinstatement gives it back,
/// expulsion burns the token. The total supply of votes is thus the number of admitted,
/// unsuspended Persons with ripe votes, at every timepoint. The clock is the block timestamp
/// (ERC-6372 "mode=timestamp").
abstract contract Membership is Participants, IMembership, IERC721Errors {
    using VoteHistory for mapping(uint256 => VoteHistory.Checkpoint);
    using Checkpoints for Checkpoints.Trace208;

    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant NAME_HASH = keccak256("SPIN Membership");
    bytes32 private constant VERSION_HASH = keccak256("1");
    bytes32 private constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );
    /// @dev ERC-165 id of ERC-5192.
    bytes4 private constant ERC5192_INTERFACE_ID = 0xb45a3c0e;

    mapping(address account => mapping(uint256 index => VoteHistory.Checkpoint)) private _history;
    Checkpoints.Trace208 private _totalVotes;
    mapping(address account => uint256) private _nonces;

    // ---------------------------------------------------------------- ERC-721 (soulbound)

    /// @inheritdoc IERC721Metadata
    function name() external pure returns (string memory) {
        return "SPIN Membership";
    }

    /// @inheritdoc IERC721Metadata
    function symbol() external pure returns (string memory) {
        return "SPINM";
    }

    /// @notice The member's profile URI.
    /// @dev Reverts ERC721NonexistentToken for a token no one holds.
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        return _profileURI(_requireHolder(tokenId));
    }

    /// @inheritdoc IERC721
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert ERC721InvalidOwner(address(0));
        return _holdsToken(_participants[owner]) ? 1 : 0;
    }

    /// @inheritdoc IERC721
    function ownerOf(uint256 tokenId) external view returns (address) {
        return _requireHolder(tokenId);
    }

    /// @inheritdoc IMembership
    function tokenIdOf(address account) public pure returns (uint256) {
        return uint256(uint160(account));
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireHolder(tokenId);
        return true;
    }

    /// @notice Always reverts: memberships are soulbound.
    function approve(address, uint256 tokenId) external pure {
        revert MembershipSoulbound(tokenId);
    }

    /// @notice Always reverts: memberships have no operators.
    function setApprovalForAll(address operator, bool) external pure {
        revert MembershipNoOperators(operator);
    }

    /// @notice Always zero (no approvals). Reverts ERC721NonexistentToken for an unheld token.
    function getApproved(uint256 tokenId) external view returns (address) {
        _requireHolder(tokenId);
        return address(0);
    }

    /// @notice Always false (no operators).
    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    /// @notice Always reverts: memberships are soulbound.
    function transferFrom(address, address, uint256 tokenId) external pure {
        revert MembershipSoulbound(tokenId);
    }

    /// @notice Always reverts: memberships are soulbound.
    function safeTransferFrom(address, address, uint256 tokenId) external pure {
        revert MembershipSoulbound(tokenId);
    }

    /// @notice Always reverts: memberships are soulbound.
    function safeTransferFrom(address, address, uint256 tokenId, bytes calldata) external pure {
        revert MembershipSoulbound(tokenId);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual returns (bool) {
        return
            interfaceId == type(IERC721).interfaceId ||
            interfaceId == type(IERC721Metadata).interfaceId ||
            interfaceId == ERC5192_INTERFACE_ID ||
            interfaceId == type(IERC165).interfaceId;
    }

    // ---------------------------------------------------------------- votes (ERC-5805)

    /// @inheritdoc IERC6372
    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IVotes
    function getVotes(address account) external view returns (uint256) {
        return _latest(account).votes;
    }

    /// @inheritdoc IVotes
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _lookup(account, timepoint).votes;
    }

    /// @inheritdoc IVotes
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _totalVotes.upperLookupRecent(_validateTimepoint(timepoint));
    }

    /// @inheritdoc IMembership
    function totalVotes() external view returns (uint256) {
        return _totalVotes.latest();
    }

    /// @inheritdoc IVotes
    function delegates(address account) external view returns (address) {
        return _latest(account).delegatee;
    }

    /// @inheritdoc IVotesExtended
    function getPastDelegate(address account, uint256 timepoint) external view returns (address) {
        return _lookup(account, timepoint).delegatee;
    }

    /// @inheritdoc IVotesExtended
    function getPastBalanceOf(address account, uint256 timepoint) external view returns (uint256) {
        return _lookup(account, timepoint).units;
    }

    /// @inheritdoc IMemberVotes
    /// @dev Every vote asks this, so the record is read as one word (kind, status and the history
    /// length share its slot) instead of being copied field by field.
    function votingPowerOf(
        address account,
        uint256 timepoint
    ) external view returns (uint256 votes, bool inGoodStanding) {
        (uint32 checkpoints, bool standing) = _votingRecord(account);
        votes = _history[account].upperLookup(checkpoints, _validateTimepoint(timepoint)).votes;
        inGoodStanding = standing;
    }

    /// @inheritdoc IMemberVotes
    function ownVoteOf(
        address account,
        uint256 timepoint
    ) external view returns (uint256 units, address delegatee, bool inGoodStanding) {
        (uint32 checkpoints, bool standing) = _votingRecord(account);
        VoteHistory.Checkpoint memory past = _history[account].upperLookup(
            checkpoints,
            _validateTimepoint(timepoint)
        );
        return (past.units, past.delegatee, standing);
    }

    /// @inheritdoc IMembership
    function nonces(address owner) external view returns (uint256) {
        return _nonces[owner];
    }

    /// @notice Gives the caller's vote to `delegatee` (an admitted, unsuspended Person, the
    /// caller included to take it back). Only admitted, unsuspended Persons may call.
    /// Emits DelegateChanged and DelegateVotesChanged for the delegates whose votes change.
    /// @dev Reverts MembershipNotVoter, MembershipInvalidDelegatee.
    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    /// @inheritdoc IMembership
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice `delegate` authorised by an EIP-712 signature of the delegator (anyone submits).
    /// @dev Reverts VotesExpiredSignature, InvalidAccountNonce, ECDSA errors, and as `delegate`.
    function delegateBySig(
        address delegatee,
        uint256 nonce,
        uint256 expiry,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        bytes32 digest = MessageHashUtils.toTypedDataHash(
            DOMAIN_SEPARATOR(),
            keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry))
        );
        address signer = ECDSA.recover(digest, v, r, s);
        uint256 current = _nonces[signer]++;
        if (nonce != current) revert InvalidAccountNonce(signer, current);
        _delegate(signer, delegatee);
    }

    // ---------------------------------------------------------------- for admission

    /// @dev Mints `account`'s token, self-delegated, with its vote (`withVote`) or with a vote
    /// still to ripen (units 0).
    function _mintMembership(address account, bool withVote) internal {
        uint256 tokenId = tokenIdOf(account);
        emit Transfer(address(0), account, tokenId);
        emit Locked(tokenId);

        Participant storage p = _participants[account];
        mapping(uint256 => VoteHistory.Checkpoint) storage history = _history[account];
        uint32 length = p.checkpoints;
        VoteHistory.Checkpoint memory last = history.latest(length);
        uint8 units = withVote ? 1 : 0;
        uint32 votes = last.votes + units;
        p.checkpoints = history.push(
            length,
            last.timepoint,
            VoteHistory.Checkpoint(clock(), account, votes, units)
        );
        emit DelegateChanged(account, address(0), account);
        if (withVote) {
            emit DelegateVotesChanged(account, last.votes, votes);
            _moveTotal(true);
        }
    }

    /// @dev Burns `account`'s token; its vote must already be gone.
    function _burnMembership(address account) internal {
        emit Transfer(account, address(0), tokenIdOf(account));
    }

    /// @dev Gives (`hasVote`) or takes away the vote of a Person who holds a token.
    function _setVote(address account, bool hasVote) internal {
        Participant storage p = _participants[account];
        mapping(uint256 => VoteHistory.Checkpoint) storage history = _history[account];
        uint32 length = p.checkpoints;
        VoteHistory.Checkpoint memory last = history.latest(length);
        uint8 units = hasVote ? 1 : 0;
        if (last.units == units) return;
        address delegatee = last.delegatee;
        uint32 votes = last.votes;
        if (delegatee == account) {
            votes = hasVote ? votes + 1 : votes - 1;
            emit DelegateVotesChanged(account, last.votes, votes);
        }
        p.checkpoints = history.push(
            length,
            last.timepoint,
            VoteHistory.Checkpoint(clock(), delegatee, votes, units)
        );
        if (delegatee != account) _moveVotes(delegatee, hasVote, 1);
        _moveTotal(hasVote);
    }

    /// @dev The member's profile URI, for `tokenURI`.
    function _profileURI(address account) internal view virtual returns (string memory);

    // ---------------------------------------------------------------- internals

    function _delegate(address account, address to) private {
        Participant storage p = _participants[account];
        if (!_isVoter(p)) revert MembershipNotVoter(account, p.kind, p.status);
        Participant storage q = _participants[to];
        if (!_isVoter(q)) revert MembershipInvalidDelegatee(to, q.kind, q.status);

        mapping(uint256 => VoteHistory.Checkpoint) storage history = _history[account];
        uint32 length = p.checkpoints;
        VoteHistory.Checkpoint memory last = history.latest(length);
        address from = last.delegatee;
        emit DelegateChanged(account, from, to);
        if (from == to) return;

        uint8 units = last.units;
        uint32 votes = last.votes;
        if (from == account) votes -= units;
        if (to == account) votes += units;
        p.checkpoints = history.push(
            length,
            last.timepoint,
            VoteHistory.Checkpoint(clock(), to, votes, units)
        );
        if (votes != last.votes) emit DelegateVotesChanged(account, last.votes, votes);
        if (from != account) _moveVotes(from, false, units);
        if (to != account) _moveVotes(to, true, units);
    }

    /// @dev Adds or removes `units` votes received by `delegatee`.
    function _moveVotes(address delegatee, bool add, uint8 units) private {
        Participant storage d = _participants[delegatee];
        mapping(uint256 => VoteHistory.Checkpoint) storage history = _history[delegatee];
        uint32 length = d.checkpoints;
        VoteHistory.Checkpoint memory last = history.latest(length);
        uint32 votes = add ? last.votes + units : last.votes - units;
        d.checkpoints = history.push(
            length,
            last.timepoint,
            VoteHistory.Checkpoint(clock(), last.delegatee, votes, last.units)
        );
        emit DelegateVotesChanged(delegatee, last.votes, votes);
    }

    function _moveTotal(bool add) private {
        uint208 total = _totalVotes.latest();
        _totalVotes.push(clock(), add ? total + 1 : total - 1);
    }

    /// @dev The history length of `account` and whether it is an admitted, unsuspended Person,
    /// from one read of its record: kind in bits 0-7, status in 8-15, checkpoints in 24-55 (the
    /// layout of Participants.Participant).
    function _votingRecord(address account) private view returns (uint32 checkpoints, bool inGoodStanding) {
        Participant storage p = _participants[account];
        uint256 word;
        assembly ("memory-safe") {
            word := sload(p.slot)
        }
        checkpoints = uint32(word >> 24);
        inGoodStanding = word & 0xffff == (uint256(uint8(Status.Admitted)) << 8) | uint8(Kind.Person);
    }

    function _latest(address account) private view returns (VoteHistory.Checkpoint memory) {
        return _history[account].latest(_participants[account].checkpoints);
    }

    function _lookup(
        address account,
        uint256 timepoint
    ) private view returns (VoteHistory.Checkpoint memory) {
        return
            _history[account].upperLookup(_participants[account].checkpoints, _validateTimepoint(timepoint));
    }

    function _validateTimepoint(uint256 timepoint) private view returns (uint48) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert ERC5805FutureLookup(timepoint, now_);
        return uint48(timepoint);
    }

    function _requireHolder(uint256 tokenId) private view returns (address account) {
        account = address(uint160(tokenId));
        if (tokenId > type(uint160).max || !_holdsToken(_participants[account])) {
            revert ERC721NonexistentToken(tokenId);
        }
    }

    /// @dev Persons hold their token while admitted or suspended.
    function _holdsToken(Participant storage p) private view returns (bool) {
        return p.kind == Kind.Person && (p.status == Status.Admitted || p.status == Status.Suspended);
    }
}
