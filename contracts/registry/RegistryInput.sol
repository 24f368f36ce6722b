// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsRegistry} from "../interfaces/ICommonsRegistry.sol";

/// @title Checks on what participants publish about themselves
/// @notice Bounds keep every list short enough to store and index: a map pin needs a name,
/// coordinates and a country; a directory needs the machines' names.
library RegistryInput {
    uint256 internal constant MAX_URI_LENGTH = 512;
    uint256 internal constant MAX_NAME_LENGTH = 128;
    uint256 internal constant MAX_MACHINES = 32;
    uint256 internal constant MAX_MACHINE_LENGTH = 64;
    int32 internal constant MAX_LATITUDE_E6 = 90_000_000;
    int32 internal constant MAX_LONGITUDE_E6 = 180_000_000;

    /// @dev A profile is a non-empty URI of bounded length and a non-zero content hash.
    function checkProfile(string calldata uri, bytes32 hash) internal pure {
        uint256 length = bytes(uri).length;
        if (length == 0 || length > MAX_URI_LENGTH || hash == bytes32(0)) {
            revert ICommonsRegistry.CommonsRegistryInvalidProfile(uri, hash);
        }
    }

    /// @dev A place has a name, coordinates on Earth, an ISO 3166-1 alpha-2 country code
    /// (two capital letters) and at most MAX_MACHINES non-empty, short machine names.
    function checkPlace(ICommonsRegistry.PlaceInfo calldata place) internal pure {
        uint256 nameLength = bytes(place.name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) {
            revert ICommonsRegistry.CommonsRegistryInvalidPlaceName(place.name);
        }
        if (
            place.latitudeE6 < -MAX_LATITUDE_E6 ||
            place.latitudeE6 > MAX_LATITUDE_E6 ||
            place.longitudeE6 < -MAX_LONGITUDE_E6 ||
            place.longitudeE6 > MAX_LONGITUDE_E6
        ) {
            revert ICommonsRegistry.CommonsRegistryInvalidLocation(place.latitudeE6, place.longitudeE6);
        }
        if (!_isCapital(place.country[0]) || !_isCapital(place.country[1])) {
            revert ICommonsRegistry.CommonsRegistryInvalidCountry(place.country);
        }
        uint256 count = place.machines.length;
        if (count > MAX_MACHINES) revert ICommonsRegistry.CommonsRegistryTooManyMachines(count, MAX_MACHINES);
        for (uint256 i = 0; i < count; ++i) {
            uint256 length = bytes(place.machines[i]).length;
            if (length == 0 || length > MAX_MACHINE_LENGTH) {
                revert ICommonsRegistry.CommonsRegistryInvalidMachine(i, place.machines[i]);
            }
        }
    }

    function _isCapital(bytes1 c) private pure returns (bool) {
        return c >= "A" && c <= "Z";
    }
}
