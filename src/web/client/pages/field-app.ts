import '../styles/base.css';
import { requireSession } from '../session.js';

requireSession();
