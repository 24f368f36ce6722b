// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC5192} from "./IERC5192.sol";
import {ICommonsRegistry} from "./ICommonsRegistry.sol";

/// @title A Person's soulbound membership: one ERC-721 token, exactly one vote
/// @notice The token id is the member's address as a number. Tokens never move (ERC-5192 locked).
/// Votes follow OpenZeppelin's IVotes/ERC-6372 (timestamp clock) and VotesExtended history, so an
/// OpenZeppelin Governor (GovernorCountingOverridable included) uses this contract as its token.
interface IMembership is IERC5805, IERC721Metadata, IERC5192 {
    /// @notice Membership tokens cannot be transferred or approved.
    error MembershipSoulbound(uint256 tokenId);
    /// @notice Membership tokens have no operators.
    error MembershipNoOperators(address operator);
    /// @notice `account` holds no vote it may delegate (not an admitted, unsuspended Person).
    error MembershipNotVoter(address account, ICommonsRegistry.Kind kind, ICommonsRegistry.Status status);
    /// @notice Votes may only be delegated to an admitted, unsuspended Person.
    error MembershipInvalidDelegatee(
        address delegatee,
        ICommonsRegistry.Kind kind,
        ICommonsRegistry.Status status
    );
    /// @notice `timepoint` is not in the past of `clock`.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    /// @notice The signature's nonce is not the account's current nonce.
    error InvalidAccountNonce(address account, uint256 currentNonce);

    /// @notice The delegate of `account` at `timepoint` (strictly before `clock()`).
    function getPastDelegate(address account, uint256 timepoint) external view returns (address);

    /// @notice The voting units (1 for an admitted unsuspended Person, else 0) of `account` at
    /// `timepoint` (strictly before `clock()`).
    function getPastBalanceOf(address account, uint256 timepoint) external view returns (uint256);

    /// @notice The next nonce `owner` must sign for `delegateBySig`.
    function nonces(address owner) external view returns (uint256);
}
