// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title The commons registry as other SPIN contracts see it
/// @notice Who may act on the chain. Every SPIN contract asks this registry before it lets an
/// account hold coin, register a work or receive a grant. Applications and vouches live in the
/// registry's Admissions contract (IAdmission), which alone may admit by vouches.
interface ICommonsRegistry {
    /// @notice What an account is in the commons.
    enum Kind {
        None,
        Person,
        Cooperative,
        Place,
        Enterprise
    }

    /// @notice Where an account stands. Only `Admitted` accounts are allowed to act. `Applicant`
    /// is kept so the numbers stay stable, but the registry no longer records applicants: an
    /// applicant is `None` here and its application is in Admissions (`IAdmission.applicationOf`).
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

    /// @notice How an account came to be admitted.
    enum AdmissionPath {
        Vouches,
        Governance
    }

    /// @notice What other contracts need to know of an account in one read: its kind and status,
    /// whether it is one of SPIN's own contracts, when it was admitted (0 if never), and when a
    /// Person's vote ripens (0 once it has ripened, and for accounts that have no vote to ripen).
    struct Standing {
        Kind kind;
        Status status;
        bool protocol;
        uint48 memberSince;
        uint48 voteRipensAt;
    }

    /// @notice A Place as a map and a directory show it. Coordinates are in microdegrees
    /// (latitude -90e6..90e6, longitude -180e6..180e6), the country an ISO 3166-1 alpha-2 code,
    /// machines a short list of short names ("laser cutter", "CNC router").
    struct PlaceInfo {
        string name;
        int32 latitudeE6;
        int32 longitudeE6;
        bytes2 country;
        string[] machines;
    }

    /// @notice `account` became an admitted participant of `kind`, by vouches or by governance.
    event Admitted(address indexed account, Kind kind, AdmissionPath how);
    /// @notice The Person `account`, admitted by vouches, holds its membership but its vote counts
    /// only from `ripensAt`, once someone calls `ripen`.
    event VoteRipening(address indexed account, uint48 ripensAt);
    /// @notice The vote of `account` ripened: it now counts (unless the account is suspended).
    event VoteRipened(address indexed account);
    /// @notice Governance suspended `account`: it may no longer act and, if a Person, loses its vote.
    event Suspended(address indexed account, string reason);
    /// @notice Governance lifted the suspension of `account`.
    event Reinstated(address indexed account, string reason);
    /// @notice Governance expelled `account` for good (a Person's membership token is burnt).
    event Expelled(address indexed account, string reason);
    /// @notice The profile of `account` is now the document at `profileURI` hashing to `profileHash`.
    event ProfileUpdated(address indexed account, string profileURI, bytes32 profileHash);
    /// @notice The Place `account` now has this name, location and machines.
    event PlaceUpdated(
        address indexed account,
        string name,
        int32 latitudeE6,
        int32 longitudeE6,
        bytes2 country,
        string[] machines
    );
    /// @notice Governance registered (or unregistered) `account` as one of SPIN's own contracts.
    event ProtocolAccountSet(address indexed account, bool isProtocol);
    /// @notice Governance allowed the node `enodeId`@`host`:`port`, run by `owner`.
    event EnodeAdded(string enodeId, string host, uint16 port, address indexed owner);
    /// @notice Governance removed the node `enodeId`@`host`:`port`, run by `owner`.
    event EnodeRemoved(string enodeId, string host, uint16 port, address indexed owner);

    error CommonsRegistryZeroAddress();
    error CommonsRegistryInvalidKind(Kind kind);
    error CommonsRegistryInvalidProfile(string profileURI, bytes32 profileHash);
    error CommonsRegistryInvalidPlaceName(string name);
    error CommonsRegistryInvalidLocation(int32 latitudeE6, int32 longitudeE6);
    error CommonsRegistryInvalidCountry(bytes2 country);
    error CommonsRegistryTooManyMachines(uint256 count, uint256 max);
    error CommonsRegistryInvalidMachine(uint256 index, string machine);
    error CommonsRegistryProtocolAccount(address account);
    error CommonsRegistryCannotAdmit(address account, Status status);
    /// @notice `account` has an application in Admissions: governance admits it there
    /// (`IAdmission.admitApplicant`), which closes the application.
    error CommonsRegistryHasApplication(address account);
    /// @notice Only the registry's Admissions contract admits by application.
    error CommonsRegistryNotAdmissions(address caller);
    /// @notice `account` has no vote waiting to ripen (not a Person holding a membership with an
    /// unripe vote).
    error CommonsRegistryNothingToRipen(address account, Kind kind, Status status);
    /// @notice The vote of `account` ripens at `ripensAt`, not yet at `now`.
    error CommonsRegistryVoteNotRipe(address account, uint48 ripensAt, uint256 now);
    error CommonsRegistryNotAdmitted(address account, Status status);
    error CommonsRegistryNotSuspended(address account, Status status);
    error CommonsRegistryNotParticipant(address account, Status status);
    error CommonsRegistryNotPlace(address account, Kind kind);
    error CommonsRegistryCannotUpdateProfile(address account, Status status);
    error CommonsRegistryParticipantNotProtocol(address account, Status status);
    error CommonsRegistryInvalidEnode(string enodeId, string host, uint16 port);
    error CommonsRegistryInvalidEnodeOwner(address owner, Kind kind, Status status);
    error CommonsRegistryEnodeExists(string enodeId, string host, uint16 port);
    error CommonsRegistryUnknownEnode(string enodeId, string host, uint16 port);
    error CommonsRegistryIndexOutOfRange(uint256 index, uint256 count);

    /// @notice The participant kind of `account` (None for unknown accounts and SPIN contracts).
    function kindOf(address account) external view returns (Kind);

    /// @notice The admission status of `account`.
    function statusOf(address account) external view returns (Status);

    /// @notice Kind, status, protocol flag, admission time and vote ripening of `account`.
    function standingOf(address account) external view returns (Standing memory);

    /// @notice The registry's Admissions contract: applications, vouches and their limits.
    function admissions() external view returns (address);

    /// @notice True for admitted, unsuspended participants and for SPIN's own contracts
    /// (the fund, licensing, ...), which governance registers as protocol accounts.
    function isAllowed(address account) external view returns (bool);

    /// @notice `isAllowed` for two accounts in one call (the coin's transfer check).
    function areAllowed(address a, address b) external view returns (bool aAllowed, bool bAllowed);

    /// @notice Besu account rule: true only when `sender` is an admitted, unsuspended participant.
    /// There is no exception for newcomers: they apply by signature, relayed by a member.
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

    /// @notice How many accounts have ever been admitted (for paginated reads).
    function accountCount() external view returns (uint256);

    /// @notice The `index`-th account admitted, in order of admission.
    function accountAt(uint256 index) external view returns (address);

    /// @notice How many enodes are on the allowlist now.
    function enodeCount() external view returns (uint256);

    /// @notice The `index`-th enode on the allowlist (order may change when one is removed).
    function enodeAt(uint256 index) external view returns (Enode memory);
}
