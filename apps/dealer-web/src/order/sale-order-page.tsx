import { useEffect, useState } from "react";
import { ErrorState, Link, Loading, PageHeader, ReadOnlyField, StatusBar, TextField, WizardDialog, useAsync, useDocumentTitle, useToast } from "@crm/ui-kit";
import { type Lead, ORDER_STATE_LABEL, type SaleOrder, type User, api, errorMessage, isManager } from "../api";
import { formatDate, formatDateTime, formatMoney, today } from "../format";
import { RecordChatter } from "../record-chatter";
import { OrderLines } from "./order-lines";

/** A quotation / sales order (dealer-1: quotation → order → delivery): lines editable while draft, then Confirm, Deliver, Cancel. */
export function SaleOrderPage({ user, orderId }: { user: User; orderId: number }) {
  const state = useAsync((signal) => api<SaleOrder>(`/api/sale-orders/${orderId}`, { signal }), [orderId]);
  const [order, setOrder] = useState<SaleOrder | null>(null);
  useEffect(() => {
    if (state.status === "ready") setOrder(state.data);
  }, [state.status, state.data]);
  useDocumentTitle(order?.name ?? "Sale order", "Dealer CRM");
  if (!order) {
    if (state.status === "error") return <ErrorState message={`Could not load sale order ${orderId}: ${state.error}`} onRetry={state.reload} />;
    return <Loading label="Loading the sale order…" />;
  }
  return <OrderView user={user} order={order} onChanged={setOrder} />;
}

function OrderView({ user, order, onChanged }: { user: User; order: SaleOrder; onChanged(o: SaleOrder): void }) {
  const toast = useToast();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [deliverOpen, setDeliverOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [deliveryDate, setDeliveryDate] = useState(today());
  const lead = useAsync((signal) => (order.leadId ? api<Lead>(`/api/leads/${order.leadId}`, { signal }) : Promise.resolve(null)), [order.leadId]);
  const canWork = isManager(user) || !lead.data || lead.data.userId === user.id;

  const changed = (o: SaleOrder) => {
    onChanged(o);
    setVersion((v) => v + 1);
  };
  const act = async (name: string, path: string, message: string) => {
    setBusy(name);
    try {
      changed(await api<SaleOrder>(`/api/sale-orders/${order.id}/${path}`, { method: "POST" }));
      toast.show(message, "success");
    } catch (e) {
      toast.show(errorMessage(e), "error");
    } finally {
      setBusy(null);
    }
  };

  const steps = (order.state === "cancel" ? ["draft", "cancel"] : ["draft", "sale", "done"]).map((s) => ({ key: s, label: ORDER_STATE_LABEL[s as SaleOrder["state"]] }));
  return (
    <div className="order-page">
      <p className="breadcrumb">
        <Link to="/">All Leads</Link>
        {order.leadId && (
          <>
            {" / "}
            <Link to={`/leads/${order.leadId}`}>{lead.data?.reference ?? `Lead ${order.leadId}`}</Link>
          </>
        )}{" "}
        / {order.name}
      </p>
      <PageHeader
        title={`${ORDER_STATE_LABEL[order.state]} ${order.name}`}
        subtitle={`${order.partnerName} · ${formatMoney(order.amountTotal)}`}
        actions={
          canWork && (
            <>
              {order.state === "draft" && (
                <button type="button" className="uk-button" disabled={busy !== null || order.lines.length === 0} onClick={() => void act("confirm", "confirm", `${order.name} confirmed.`)}>
                  {busy === "confirm" ? "Confirming…" : "Confirm"}
                </button>
              )}
              {order.state === "sale" && (
                <button type="button" className="uk-button uk-button--success" disabled={busy !== null} onClick={() => setDeliverOpen(true)}>
                  Deliver
                </button>
              )}
              {(order.state === "draft" || order.state === "sale") && (
                <button type="button" className="uk-button uk-button--danger" disabled={busy !== null} onClick={() => setCancelOpen(true)}>
                  Cancel order
                </button>
              )}
              {order.leadId && (
                <Link to={`/leads/${order.leadId}`} className="uk-button uk-button--secondary">
                  Back to the lead
                </Link>
              )}
            </>
          )
        }
      />
      <StatusBar steps={steps} current={order.state} label="Order status" />
      {order.state === "done" && order.leadId && lead.data && !lead.data.isWon && !lead.data.isLost && (
        <p className="order-page__next" role="status">
          Delivered. Next: <Link to={`/leads/${order.leadId}`}>mark {lead.data.reference} Won</Link>.
        </p>
      )}
      <div className="order-page__facts">
        <ReadOnlyField label="Customer">{order.partnerName}</ReadOnlyField>
        <ReadOnlyField label="Created">{formatDateTime(order.createdAt)}</ReadOnlyField>
        <ReadOnlyField label="Confirmed">{formatDateTime(order.confirmedAt)}</ReadOnlyField>
        <ReadOnlyField label="Delivery date">{formatDate(order.deliveryDate)}</ReadOnlyField>
        {order.cancelledAt && <ReadOnlyField label="Cancelled">{formatDateTime(order.cancelledAt)}</ReadOnlyField>}
      </div>
      <OrderLines order={order} editable={canWork && order.state === "draft"} brandId={lead.data?.brandId ?? null} onSaved={changed} />

      <WizardDialog
        open={deliverOpen}
        title={`Deliver ${order.name}`}
        submitLabel="Record delivery"
        onClose={() => setDeliverOpen(false)}
        canSubmit={/^\d{4}-\d{2}-\d{2}$/.test(deliveryDate)}
        blockedReason="Pick the day the vehicle was handed over."
        onSubmit={async () => {
          changed(await api<SaleOrder>(`/api/sale-orders/${order.id}/deliver`, { method: "POST", body: { deliveryDate } }));
          toast.show(`${order.name} delivered.`, "success");
        }}
      >
        <TextField label="Delivery date" type="date" required value={deliveryDate} max={today()} onValue={setDeliveryDate} />
      </WizardDialog>
      <WizardDialog
        open={cancelOpen}
        title={`Cancel ${order.name}?`}
        submitLabel="Cancel the order"
        onClose={() => setCancelOpen(false)}
        onSubmit={async () => {
          changed(await api<SaleOrder>(`/api/sale-orders/${order.id}/cancel`, { method: "POST" }));
          toast.show(`${order.name} cancelled.`, "success");
        }}
      >
        <p>The order stays in the history as Cancelled. A delivered order cannot be cancelled.</p>
      </WizardDialog>

      <RecordChatter url={`/api/sale-orders/${order.id}/messages`} version={version} />
    </div>
  );
}
