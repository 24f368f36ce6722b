// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";

/// @title Who is who: one packed record per account, and the list of every participant
/// @notice The record answers every permission question with one storage read: kind, status and
/// the protocol flag share a slot with the admission time, the vote's ripening time and the vote
/// history's length.
abstract contract Participants is ICommonsRegistry {
    struct Participant {
        Kind kind;
        Status status;
        /// @dev One of SPIN's own contracts: may hold coin, never signs transactions.
        bool protocol;
        /// @dev Number of VoteHistory checkpoints of this account.
        uint32 checkpoints;
        /// @dev When the account was admitted (the seniority vouchers need).
        uint48 memberSince;
        /// @dev When a Person's vote may ripen; 0 once it has (or when there is none to ripen).
        uint48 voteRipensAt;
    }

    mapping(address account => Participant) internal _participants;
    address[] private _accounts;

    /// @inheritdoc ICommonsRegistry
    function kindOf(address account) external view returns (Kind) {
        return _participants[account].kind;
    }

    /// @inheritdoc ICommonsRegistry
    function statusOf(address account) external view returns (Status) {
        return _participants[account].status;
    }

    /// @inheritdoc ICommonsRegistry
    function standingOf(address account) external view returns (Standing memory) {
        Participant memory p = _participants[account];
        return Standing(p.kind, p.status, p.protocol, p.memberSince, p.voteRipensAt);
    }

    /// @inheritdoc ICommonsRegistry
    function isAllowed(address account) external view returns (bool) {
        return _isAllowed(_participants[account]);
    }

    /// @inheritdoc ICommonsRegistry
    function areAllowed(address a, address b) external view returns (bool aAllowed, bool bAllowed) {
        return (_isAllowed(_participants[a]), _isAllowed(_participants[b]));
    }

    /// @inheritdoc ICommonsRegistry
    function accountCount() external view returns (uint256) {
        return _accounts.length;
    }

    /// @inheritdoc ICommonsRegistry
    function accountAt(uint256 index) external view returns (address) {
        if (index >= _accounts.length) revert CommonsRegistryIndexOutOfRange(index, _accounts.length);
        return _accounts[index];
    }

    /// @dev Appends a newcomer to the paginated account list.
    function _listAccount(address account) internal {
        _accounts.push(account);
    }

    function _isAllowed(Participant storage p) internal view returns (bool) {
        return p.status == Status.Admitted || p.protocol;
    }

    /// @dev An admitted, unsuspended Person: a member in good standing, who may vouch, delegate,
    /// receive delegations and vote.
    function _isVoter(Participant storage p) internal view returns (bool) {
        return p.kind == Kind.Person && p.status == Status.Admitted;
    }
}
