-- Issue 18: every key names its role. Keys made before roles were stored acted as national
-- operator when their organisation was an operator and as CISO otherwise; write that down.
UPDATE identity_api_key SET role = CASE
    WHEN (SELECT o.operator FROM identity_organisation o WHERE o.id = identity_api_key.org_id) THEN 'OPERATOR'
    ELSE 'CISO' END
  WHERE role IS NULL;
