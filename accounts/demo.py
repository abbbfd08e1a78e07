"""Demo accounts and units for `make run`: created only in demo mode (VUONLEN_DEMO=1)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Membership, Role, User
from units.models import Unit, UnitKind
from units.reference import PROVINCE_CODE

DEMO_PASSWORD = "vuonlen2026"  # noqa: S105 - published in the README; demo mode only

# (username, full name, unit code or None for the province, role)
DEMO_ACCOUNTS = [
    ("quantri", "Trần Thị Quản Trị", None, Role.ADMIN),
    ("tinhdoan", "Nguyễn Văn Tỉnh", None, Role.OFFICER),
    ("tinhdoan_xem", "Lê Thị Xem", None, Role.VIEWER),
    ("thanhsen", "Phạm Minh Sen", "18073", Role.OFFICER),
    ("cambinh", "Hoàng Thị Bình", "18685", Role.OFFICER),
]

DEMO_ATTACHED_UNITS = [
    (UnitKind.BLOC, "Đoàn Khối các cơ quan và doanh nghiệp tỉnh", "BCH ĐOÀN KHỐI CÁC CQ VÀ DN TỈNH"),
    (UnitKind.SCHOOL, "Đoàn trường Đại học Hà Tĩnh", "BCH ĐOÀN TRƯỜNG ĐẠI HỌC HÀ TĨNH"),
    (UnitKind.ENTERPRISE, "Đoàn Thanh niên Công ty Formosa Hà Tĩnh", "BCH ĐOÀN TN CÔNG TY FORMOSA HÀ TĨNH"),
]


def seed_demo() -> list[tuple[str, str, str]]:
    """Create what is missing; return (username, role, unit) for the start-up banner."""
    with transaction.atomic():
        province = Unit.objects.get(code=PROVINCE_CODE, kind=UnitKind.PROVINCE, valid_to__isnull=True)
        for kind, name, header in DEMO_ATTACHED_UNITS:
            if not Unit.objects.filter(name=name).exists():
                Unit.objects.add_child(
                    province,
                    create_kwargs={
                        "kind": kind,
                        "name": name,
                        "header_line_1": "TỈNH ĐOÀN HÀ TĨNH",
                        "header_line_2": header,
                        "place_name": "Hà Tĩnh",
                    },
                )
        rows = []
        for username, full_name, code, role in DEMO_ACCOUNTS:
            unit = province if code is None else Unit.objects.in_force().get(code=code)
            user, created = User.objects.get_or_create(
                username=username, defaults={"full_name": full_name, "email": f"{username}@vuonlen.local"}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
            rows.append((username, str(Role(role).label), unit.name))
        # Later apps, imported here so that loading accounts never loads them.
        from cycle.demo import seed_cycle
        from initiatives.demo import seed_initiatives

        seed_cycle()
        seed_initiatives()
        return rows
