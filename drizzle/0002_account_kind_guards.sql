-- A staff account is never a guardian, and an account never changes kind: the rules the
-- application follows are also the database's, so no code path can get around them.
CREATE OR REPLACE FUNCTION guardianships_require_parent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.guardian_user_id AND kind = 'parent') THEN
    RAISE EXCEPTION 'only a parent account can be a guardian' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER guardianships_require_parent BEFORE INSERT OR UPDATE OF guardian_user_id ON guardianships
  FOR EACH ROW EXECUTE FUNCTION guardianships_require_parent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_kind_is_permanent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IS DISTINCT FROM OLD.kind THEN
    RAISE EXCEPTION 'an account cannot change between parent and staff' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_kind_is_permanent BEFORE UPDATE OF kind ON users
  FOR EACH ROW EXECUTE FUNCTION users_kind_is_permanent();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION staff_roles_require_staff() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND kind = 'staff') THEN
    RAISE EXCEPTION 'only a staff account can hold a staff role' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER staff_roles_require_staff BEFORE INSERT OR UPDATE ON staff_role_assignments
  FOR EACH ROW EXECUTE FUNCTION staff_roles_require_staff();
