// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Vm} from "../utils/Vm.sol";
import {CommonsRegistry} from "../../../contracts/registry/CommonsRegistry.sol";
import {SpinCoin} from "../../../contracts/coin/SpinCoin.sol";
import {CommonFund} from "../../../contracts/fund/CommonFund.sol";
import {LicenceTemplates} from "../../../contracts/licensing/LicenceTemplates.sol";
import {Licensing} from "../../../contracts/licensing/Licensing.sol";
import {WorksRegistry} from "../../../contracts/works/WorksRegistry.sol";
import {ICommonsRegistry} from "../../../contracts/interfaces/ICommonsRegistry.sol";
import {ILicenceTemplates} from "../../../contracts/interfaces/ILicenceTemplates.sol";
import {IWorksRegistry} from "../../../contracts/interfaces/IWorksRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deploys the real SPIN contracts a works/licensing Solidity test needs, with the
/// deploying contract as governance, two paying templates and three Persons and one Enterprise.
contract WorksSetup {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint32 internal constant PPL = 1;
    uint32 internal constant COPYFAIR = 2;
    uint32 internal constant CC0 = 3;

    CommonsRegistry internal commons;
    SpinCoin internal coin;
    CommonFund internal fund;
    LicenceTemplates internal templates;
    WorksRegistry internal works;
    Licensing internal licensing;

    address[3] internal persons;
    address internal firm;

    function deploySpin() internal {
        commons = new CommonsRegistry(address(this), 3, 7 days);
        coin = new SpinCoin(commons, address(this), 0, 1e12 ether);
        uint64[3] memory locks;
        uint16[4] memory caps = [uint16(10_000), 10_000, 10_000, 10_000];
        fund = new CommonFund(address(this), IERC20(address(coin)), commons, locks, caps);
        templates = new LicenceTemplates(address(this));
        works = new WorksRegistry(address(this), commons, templates);
        licensing = new Licensing(address(this), commons, works, templates, IERC20(address(coin)), fund);
        commons.setProtocolAccount(address(licensing), true);
        commons.setProtocolAccount(address(fund), true);
        fund.grantRole(fund.CREDITOR_ROLE(), address(licensing));

        templates.addTemplate("PPL", bytes32(0), "ppl", _paid(6_000, 2_000, 2, 1_500, 3, 500), _bounds());
        templates.addTemplate(
            "CopyFair",
            bytes32(0),
            "copyfair",
            _paid(5_000, 2_500, 2, 1_500, 0, 1_000),
            _bounds()
        );
        ILicenceTemplates.Terms memory free = _paid(8_000, 2_000, 0, 0, 0, 0);
        free.commercialUse = ILicenceTemplates.CommercialUse.Free;
        free.fee = 0;
        templates.addTemplate("CC0", bytes32(0), "cc0", free, ILicenceTemplates.FeeBounds(0, 0));

        for (uint256 i; i < 3; ++i) {
            persons[i] = VM.addr(1_000 + i);
            commons.admit(persons[i], ICommonsRegistry.Kind.Person, "ipfs://person", keccak256("person"));
        }
        firm = VM.addr(2_000);
        commons.admit(firm, ICommonsRegistry.Kind.Enterprise, "ipfs://firm", keccak256("firm"));
        coin.mint(firm, 1e11 ether);
        VM.prank(firm);
        coin.approve(address(licensing), type(uint256).max);
    }

    function _paid(
        uint16 contributorsBps,
        uint16 upstreamBps,
        uint8 fundA,
        uint16 fundABps,
        uint8 fundB,
        uint16 fundBBps
    ) private pure returns (ILicenceTemplates.Terms memory) {
        return
            ILicenceTemplates.Terms({
                fee: 100 ether,
                term: 365 days,
                contributorsBps: contributorsBps,
                upstreamBps: upstreamBps,
                fundABps: fundABps,
                fundA: fundA,
                fundBBps: fundBBps,
                fundB: fundB,
                commercialUse: ILicenceTemplates.CommercialUse.CommonsFree,
                derivativesAllowed: true,
                shareAlike: false,
                attribution: true
            });
    }

    function _bounds() private pure returns (ILicenceTemplates.FeeBounds memory) {
        return ILicenceTemplates.FeeBounds(1, 1e9 ether);
    }

    /// @notice A registration by persons[0] with the three persons as contributors.
    function registrationOf(
        bytes32 contentHash,
        uint32 licenceId,
        uint16 share0,
        uint16 share1,
        uint256[] memory parents
    ) internal view returns (IWorksRegistry.Registration memory r) {
        address[] memory stewards = new address[](1);
        stewards[0] = persons[0];
        address[] memory contributors = new address[](3);
        uint16[] memory shares = new uint16[](3);
        for (uint256 i; i < 3; ++i) contributors[i] = persons[i];
        (shares[0], shares[1], shares[2]) = (share0, share1, 10_000 - share0 - share1);
        r = IWorksRegistry.Registration(
            contentHash,
            "ipfs://work",
            licenceId,
            stewards,
            contributors,
            shares,
            parents
        );
    }

    /// @notice Registers `r` as `registrant` the way a client must: commit, wait a block, reveal.
    function registerAs(address registrant, IWorksRegistry.Registration memory r) internal returns (uint256) {
        bytes32 salt = keccak256(abi.encode(r.contentHash, "salt"));
        commitAs(registrant, r.contentHash, salt);
        VM.prank(registrant);
        return works.register(r, salt);
    }

    /// @notice Commits `registrant` to `contentHash` with `salt`, then moves to the next block.
    function commitAs(address registrant, bytes32 contentHash, bytes32 salt) internal {
        bytes32 commitment = works.commitmentFor(contentHash, registrant, salt);
        VM.prank(registrant);
        works.commitRegistration(commitment);
        VM.roll(block.number + 1);
    }

    /// @notice What licensing owes: unclaimed contributor balances, unsettled upstream pots and
    /// fund shares not yet flushed.
    function owed() internal view returns (uint256 total) {
        uint128[4] memory pending = licensing.fundPending();
        for (uint256 i; i < 4; ++i) total += pending[i];
        uint256 count = works.workCount();
        for (uint256 id = 1; id <= count; ++id) {
            (, uint128 upstream) = licensing.potOf(id);
            total += upstream;
            for (uint256 i; i < 3; ++i) total += licensing.claimable(id, persons[i]);
        }
    }
}
