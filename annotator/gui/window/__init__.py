"""The main window itself: its layout, actions and menus, the commands behind them, the shortcuts dialog, the background readers (workers) and the changes other programs make."""
