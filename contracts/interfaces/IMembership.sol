// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC5192} from "./IERC5192.sol";
import {ICommonsRegistry} from "./ICommonsRegistry.sol";
import {IMemberVotes} from "./IMemberVotes.sol";

/// @title A Person's soulbound membership: one ERC-721 token, exactly one vote
/// @notice The token id is the member's address as a number. Tokens never move (ERC-5192 locked).
/// Votes follow OpenZeppelin's IVotes/ERC-6372 (timestamp clock) and VotesExtended history, so an
/// OpenZeppelin Governor (GovernorCountingOverridable included) uses this contract as its token.
/// A Person admitted by vouches holds its token at once, but its voting unit only once it has
/// ripened (`ripen`); until then its units are 0.
interface IMembership is IMemberVotes, IERC721Metadata, IERC5192 {
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

    /// @notice The number of votes now: admitted, unsuspended Persons whose vote has ripened.
    function totalVotes() external view returns (uint256);

    /// @notice The membership token id of `account`: its address as a number.
    function tokenIdOf(address account) external pure returns (uint256);

    /// @notice The EIP-712 domain separator of `delegateBySig` ("SPIN Membership", version "1").
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice The next nonce `owner` must sign for `delegateBySig`.
    function nonces(address owner) external view returns (uint256);
}
