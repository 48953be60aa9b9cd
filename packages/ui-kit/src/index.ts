export { Avatar, Badge, Card, type CardProps } from "./card";
export { Dialog, type DialogProps } from "./dialog";
export { KanbanBoard, type KanbanBoardProps, type KanbanColumn } from "./kanban-board";
export { ToastProvider, useToast, type ToastTone } from "./toast";
