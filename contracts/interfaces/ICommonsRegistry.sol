// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The commons registry as other SPIN contracts see it
/// @notice Who may act on the chain. Every SPIN contract asks this registry before it lets an
/// account hold coin, register a work or receive a grant.
interface ICommonsRegistry {
    /// @notice What an account is in the commons.
    enum Kind {
        None,
        Person,
        Cooperative,
        Place,
        Enterprise
    }

    /// @notice Where an account stands. Only `Admitted` accounts are allowed to act.
    enum Status {
        None,
        Applicant,
        Admitted,
        Suspended,
        Expelled
    }

    /// @notice A chain node allowed to connect: it belongs to an admitted Place or Cooperative.
    struct Enode {
        string enodeId;
        string host;
        uint16 port;
        address owner;
    }

    /// @notice The participant kind of `account` (None for unknown accounts and SPIN contracts).
    function kindOf(address account) external view returns (Kind);

    /// @notice The admission status of `account`.
    function statusOf(address account) external view returns (Status);

    /// @notice True for admitted, unsuspended participants and for SPIN's own contracts
    /// (the fund, licensing, ...), which governance registers as protocol accounts.
    function isAllowed(address account) external view returns (bool);

    /// @notice `isAllowed` for two accounts in one call (the coin's transfer check).
    function areAllowed(address a, address b) external view returns (bool aAllowed, bool bAllowed);

    /// @notice Besu account rule: true only when `sender` is an admitted, unsuspended participant.
    function transactionAllowed(
        address sender,
        address target,
        uint256 value,
        uint256 gasPrice,
        uint256 gasLimit,
        bytes calldata payload
    ) external view returns (bool);

    /// @notice Besu node rule: true only for enodes on the governance-managed allowlist.
    function connectionAllowed(
        string calldata enodeId,
        string calldata enodeHost,
        uint16 enodePort
    ) external view returns (bool);

    /// @notice How many accounts have ever applied or been admitted (for paginated reads).
    function accountCount() external view returns (uint256);

    /// @notice The `index`-th account that applied or was admitted, in order of first appearance.
    function accountAt(uint256 index) external view returns (address);

    /// @notice How many enodes are on the allowlist now.
    function enodeCount() external view returns (uint256);

    /// @notice The `index`-th enode on the allowlist (order may change when one is removed).
    function enodeAt(uint256 index) external view returns (Enode memory);
}
