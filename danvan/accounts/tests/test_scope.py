from conftest import unit
from danvan.accounts.access import has_role_at, role_at, scope_for
from danvan.accounts.models import Role
from danvan.core.models import UnitSuccession, UnitTree


def test_commune_officer_reaches_own_commune_and_its_legacy_predecessors(cast):
    scope = scope_for(cast.alice)
    assert scope.covers(cast.dong_xuan.path)
    predecessor = UnitSuccession.objects.filter(successor=cast.dong_xuan).select_related("predecessor").first()
    assert predecessor is not None and predecessor.predecessor.tree == UnitTree.LEGACY
    assert scope.covers(predecessor.predecessor.path)
    assert not scope.covers(cast.buon_ma_thuot.path)
    assert not scope.covers(cast.dak_lak.path)


def test_province_leader_reaches_communes_below_and_legacy_provinces(cast):
    assert has_role_at(cast.carol, cast.dong_xuan, Role.LEADER)
    assert has_role_at(cast.carol, cast.buon_ma_thuot, Role.LEADER)
    assert scope_for(cast.carol).covers(unit("54", UnitTree.LEGACY).path)  # old Phú Yên merged into Đắk Lắk
    assert not scope_for(cast.carol).covers(cast.ba_dinh.path)


def test_roles_are_ordered(cast):
    assert role_at(cast.erin, cast.dong_xuan) == Role.VIEWER
    assert not has_role_at(cast.erin, cast.dong_xuan, Role.OFFICER)
    assert role_at(cast.dave, cast.dong_xuan) == Role.UNIT_ADMIN
    assert role_at(cast.root, cast.ba_dinh) == Role.SYSTEM_ADMIN
    assert role_at(cast.frank, cast.dong_xuan) is None
