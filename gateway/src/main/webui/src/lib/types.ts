/** Shapes of API.md, snake_case as on the wire. */
export type OptionType = 'boolean' | 'single_select' | 'multi_select' | 'text_input';

export interface CustomOption {
  id: string;
  package_id: string;
  label: string;
  option_type: OptionType;
  choices: string[] | null;
  is_required: boolean;
  display_order: number;
  max_length: number | null;
}

export interface TicketPackage {
  id: string;
  event_id: string;
  name: string;
  description: string | null;
  price: number;
  quantity_limit: number | null;
  sold_count?: number;
  available: number | null;
  display_order: number;
  image_url: string | null;
  is_enabled: boolean;
  version?: number;
  seats_per_package?: number;
  fair_market_value?: number | null;
  custom_options: CustomOption[];
  created_at?: string;
  updated_at?: string;
}

export interface AuditEntry {
  id: string;
  entity_type: 'ticket_package' | 'custom_option';
  entity_id: string;
  action: string;
  field_name: string | null;
  old_value: string | null;
  new_value: string | null;
  user_id: string;
  created_at: string;
}

export interface PromoCode {
  id: string;
  event_id: string;
  code: string;
  discount_type: 'percentage' | 'fixed_amount';
  discount_value: number;
  max_total_uses: number | null;
  max_uses_per_donor: number | null;
  current_uses: number;
  valid_from: string | null;
  expires_at: string | null;
  is_active: boolean;
  package_ids: string[];
  version: number;
}

export interface PromoValidation {
  valid: boolean;
  code: string;
  discount_type: 'percentage' | 'fixed_amount';
  discount_value: number;
  discount_amount?: number;
}

export interface SalesPackage {
  package_id: string;
  name: string;
  sold_count: number;
  quantity_limit: number | null;
  revenue: number;
}

export interface Sales {
  event_id: string;
  total_sold: number;
  total_tickets?: number;
  total_revenue: number;
  packages: SalesPackage[];
  updated_at: string;
}

export interface Ticket {
  id: string;
  ticket_number: string;
  qr_code: string;
  guest_name?: string | null;
  guest_email?: string | null;
  checked_in_at?: string | null;
}

export interface Purchase {
  id: string;
  event_id: string;
  package_id: string;
  quantity: number;
  unit_price: number;
  base_price: number;
  discount_amount: number;
  total_price: number;
  tax_deductible_amount?: number | null;
  promo_code: string | null;
  tickets: Ticket[];
  created_at: string;
}
