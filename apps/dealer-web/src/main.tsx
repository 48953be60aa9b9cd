import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppRouterProvider, ToastProvider, createAppRouter } from "@crm/ui-kit";
import "@crm/ui-kit/src/styles.css";
import "./app.css";
import { App } from "./app";

const router = createAppRouter(
  <ToastProvider>
    <App />
  </ToastProvider>,
);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AppRouterProvider router={router} />
  </StrictMode>,
);
