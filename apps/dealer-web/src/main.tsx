import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ToastProvider } from "@crm/ui-kit";
import "@crm/ui-kit/src/styles.css";
import "./app.css";
import { App } from "./app";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ToastProvider>
      <App />
    </ToastProvider>
  </StrictMode>,
);
